/**
 * `npm run export-pytorch` run settings: a preset (the classroom lesson by default, or the paper-gap
 * run) with any field overridden by a flag. Methods are tools/experiment/recipe.json's ids, each
 * at a learning rate (`sgd=0.01,lp-ft=0.003`), so every method of the experiment exports: SGD,
 * SGD+momentum, AdamW, freeze-embed, the embedding learning-rate scale and LP-FT.
 */
import { parseArgs } from 'node:util';
import type { Schedule } from '../../core/optim/schedule';
import { CLASSROOM_PRESET, type ClassroomPreset } from '../../presets/classroom';
import { PAPER_GAP_PRESET } from '../../presets/paper-gap';

const PRESETS: Record<string, ClassroomPreset> = { classroom: CLASSROOM_PRESET, 'paper-gap': PAPER_GAP_PRESET };

export interface ExportSettings {
  /** A checkpoint name of public/models/manifest.json. */
  model: string;
  benchmark: string;
  /** Benchmark options (seed, strength, sizes, classes), as BenchmarkCache takes them. */
  data: { seed: number; strength?: number; trainPerClass: number; valPerClass: number; oodPerClass: number; classes?: number[] };
  methods: { method: string; lr: number }[];
  epochs: number;
  batchSize: number;
  /** Seeds the fresh head, the batch order and the augmentation. */
  seed: number;
  schedule: Schedule;
  augment: boolean;
  evalsPerEpoch: number;
  maxSteps?: number;
  out?: string;
}

export const USAGE = `npm run export-pytorch -- [options]      a run as a PyTorch project (.zip)

  --preset classroom|paper-gap   start from this preset (default classroom: the default lesson)
  --model NAME                   checkpoint in public/models/manifest.json (e.g. vit-adamw)
  --benchmark NAME               e.g. acquisition, style, spurious
  --strength X  --classes 0,1,2  --train-per-class N  --val-per-class N  --ood-per-class N
  --data-seed N                  the benchmark's seed (default 0, as npm run experiment)
  --methods ID=LR,...            methods of tools/experiment/recipe.json at a learning rate
                                 (sgd, adamw, sgd-freeze, sgd-freeze-nomom, adamw-freeze,
                                 sgd-embed-lr0.1, lp-ft)
  --epochs N  --batch N  --seed N
  --schedule cosine|constant|warmup-cosine:STEPS   (default cosine)
  --evals-per-epoch N            evaluations per epoch (default the preset's)
  --max-steps N                  stop each method after N steps (the schedule spans the run)
  --no-augment                   train on the images as they are
  --out FILE                     the zip (default .cache/exports/<project>.zip)`;

function numbers(s: string): number[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map(Number);
}

function schedule(s: string): Schedule {
  if (s === 'cosine' || s === 'constant') return { kind: s };
  const m = /^warmup-cosine:(\d+)$/.exec(s);
  if (m) return { kind: 'warmup-cosine', warmupSteps: Number(m[1]) };
  throw new Error(`--schedule ${s}: use cosine, constant or warmup-cosine:STEPS`);
}

function positive(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer, got ${v}`);
  return v;
}

export function parseSettings(argv: string[]): ExportSettings | 'help' {
  const { values: a } = parseArgs({
    args: argv,
    options: {
      preset: { type: 'string', default: 'classroom' },
      model: { type: 'string' },
      benchmark: { type: 'string' },
      strength: { type: 'string' },
      classes: { type: 'string' },
      'train-per-class': { type: 'string' },
      'val-per-class': { type: 'string' },
      'ood-per-class': { type: 'string' },
      'data-seed': { type: 'string' },
      methods: { type: 'string' },
      epochs: { type: 'string' },
      batch: { type: 'string' },
      seed: { type: 'string' },
      schedule: { type: 'string', default: 'cosine' },
      'evals-per-epoch': { type: 'string' },
      'max-steps': { type: 'string' },
      'no-augment': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) return 'help';
  const p = PRESETS[a.preset as string];
  if (!p) throw new Error(`--preset ${a.preset}: use ${Object.keys(PRESETS).join(' or ')}`);
  const classes = a.classes !== undefined ? numbers(a.classes) : p.data.classes;
  const strength = a.strength !== undefined ? Number(a.strength) : p.strength;
  const methods = a.methods
    ? a.methods.split(',').map((kv) => {
        const [method, lr] = kv.split('=');
        if (!method || lr === undefined || !Number.isFinite(Number(lr))) throw new Error(`--methods ${kv}: write ID=LR, e.g. sgd=0.01`);
        return { method: method.trim(), lr: Number(lr) };
      })
    : p.methods.map((m) => ({ ...m }));
  const out: ExportSettings = {
    model: a.model ?? p.model,
    benchmark: a.benchmark ?? p.benchmark,
    data: {
      seed: a['data-seed'] !== undefined ? Number(a['data-seed']) : 0,
      ...(strength !== undefined ? { strength } : {}),
      trainPerClass: positive('train-per-class', a['train-per-class'] !== undefined ? Number(a['train-per-class']) : p.data.trainPerClass),
      valPerClass: positive('val-per-class', a['val-per-class'] !== undefined ? Number(a['val-per-class']) : p.data.valPerClass),
      oodPerClass: positive('ood-per-class', a['ood-per-class'] !== undefined ? Number(a['ood-per-class']) : p.data.oodPerClass),
      // An empty list is "every class" (the paper-gap preset).
      ...(classes.length ? { classes } : {}),
    },
    methods,
    epochs: positive('epochs', a.epochs !== undefined ? Number(a.epochs) : p.epochs),
    batchSize: positive('batch', a.batch !== undefined ? Number(a.batch) : p.batchSize),
    seed: a.seed !== undefined ? Number(a.seed) : p.seed,
    schedule: schedule(a.schedule as string),
    augment: !a['no-augment'],
    evalsPerEpoch: a['evals-per-epoch'] !== undefined ? Number(a['evals-per-epoch']) : p.evalsPerEpoch,
    ...(a['max-steps'] !== undefined ? { maxSteps: positive('max-steps', Number(a['max-steps'])) } : {}),
    ...(a.out !== undefined ? { out: a.out } : {}),
  };
  if (!Number.isInteger(out.seed)) throw new Error(`--seed must be an integer, got ${a.seed}`);
  return out;
}
