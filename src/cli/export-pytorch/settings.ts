/**
 * `npm run export-pytorch` run settings: a preset (the classroom lesson by default, or the paper-gap
 * run) with any field overridden by a flag. Methods are tools/experiment/experiment-recipe.json's ids, each
 * at a learning rate (`sgd=0.01,lp-ft=0.003`), so every method of the experiment exports: SGD,
 * SGD+momentum, AdamW, freeze-embed, the embedding learning-rate scale and LP-FT.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Schedule } from '../../core/optim/schedule';
import { CLASSROOM_PRESET, type ClassroomPreset } from '../../presets/classroom';
import { PAPER_GAP_PRESET } from '../../presets/paper-gap';
import type { ProjectRun } from '../../project/project-recipe';
import {
  FlagError,
  intFlag,
  intListFlag,
  numberFlag,
  optional,
  RANGES,
  type Range,
} from '../flags';

const PRESETS: Record<string, ClassroomPreset> = {
  classroom: CLASSROOM_PRESET,
  'paper-gap': PAPER_GAP_PRESET,
};

/** The project's run fields (ProjectRun, from RunConfig) the flags set, and what the CLI picks by name. */
export interface ExportSettings
  extends
    Pick<ProjectRun, 'epochs' | 'batchSize' | 'seed' | 'schedule' | 'augment' | 'maxSteps'>,
    Required<Pick<ProjectRun, 'evalsPerEpoch'>> {
  /** A checkpoint name of public/models/manifest.json. */
  model: string;
  benchmark: string;
  /** Benchmark options (seed, strength, sizes, classes), as BenchmarkCache takes them. */
  data: {
    seed: number;
    strength?: number;
    trainPerClass: number;
    valPerClass: number;
    oodPerClass: number;
    classes?: number[];
  };
  methods: { method: string; lr: number }[];
  out?: string;
}

export const USAGE = `npm run export-pytorch -- [options]      a run as a PyTorch project (.zip)

  --preset classroom|paper-gap   start from this preset (default classroom: the default lesson)
  --model NAME                   checkpoint in public/models/manifest.json (e.g. vit-adamw)
  --benchmark NAME               e.g. acquisition, style, spurious
  --strength X  --classes 0,1,2  --train-per-class N  --val-per-class N  --ood-per-class N
  --data-seed N                  the benchmark's seed (default 0, as npm run experiment)
  --methods ID=LR,...            methods of tools/experiment/experiment-recipe.json at a learning rate
                                 (sgd, adamw, sgd-freeze, sgd-freeze-nomom, adamw-freeze,
                                 sgd-embed-lr0.1, lp-ft)
  --epochs N  --batch N  --seed N
  --schedule cosine|constant|warmup-cosine:STEPS   (default cosine)
  --evals-per-epoch N            evaluations per epoch (default the preset's)
  --max-steps N                  stop each method after N steps (the schedule spans the run)
  --no-augment                   train on the images as they are
  --out FILE                     the zip (default .cache/exports/<project>.zip)`;

function schedule(s: string): Schedule {
  if (s === 'cosine' || s === 'constant') return { kind: s };
  const m = /^warmup-cosine:(.+)$/.exec(s);
  if (m)
    return {
      kind: 'warmup-cosine',
      warmupSteps: intFlag('schedule warmup-cosine:STEPS', m[1] as string, RANGES.warmup),
    };
  throw new FlagError(`--schedule ${s}: use cosine, constant or warmup-cosine:STEPS`);
}

function methods(raw: string): { method: string; lr: number }[] {
  return raw.split(',').map((kv) => {
    const [method, lr] = kv.split('=');
    if (!method?.trim() || lr === undefined)
      throw new FlagError(`--methods ${kv}: write ID=LR, e.g. sgd=0.01`);
    return { method: method.trim(), lr: numberFlag(`methods ${method.trim()}=`, lr, RANGES.lr) };
  });
}

/** The flags parseArgs reads (USAGE says what each means). */
const OPTIONS = {
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
} as const satisfies ParseArgsConfig['options'];

export function parseSettings(argv: string[]): ExportSettings | 'help' {
  const { values: a } = parseArgs({
    args: argv,
    options: OPTIONS,
  });
  if (a.help) return 'help';
  const p = PRESETS[a.preset as string];
  if (!p) throw new FlagError(`--preset ${a.preset}: use ${Object.keys(PRESETS).join(' or ')}`);
  const int = (flag: keyof typeof a, r: Range, dflt: number): number =>
    optional(a[flag] as string | undefined, (v) => intFlag(flag, v, r), dflt);
  const classes = optional(
    a.classes,
    (v) => intListFlag('classes', v, RANGES.classIndex),
    p.data.classes,
  );
  const strength = optional(
    a.strength,
    (v): number | undefined => numberFlag('strength', v, RANGES.strength),
    p.strength,
  );
  const maxSteps = optional(
    a['max-steps'],
    (v): number | undefined => intFlag('max-steps', v, RANGES.steps),
    undefined,
  );
  const out: ExportSettings = {
    model: a.model ?? p.model,
    benchmark: a.benchmark ?? p.benchmark,
    data: {
      seed: int('data-seed', RANGES.seed, 0),
      ...(strength !== undefined ? { strength } : {}),
      trainPerClass: int('train-per-class', RANGES.perClass, p.data.trainPerClass),
      valPerClass: int('val-per-class', RANGES.perClass, p.data.valPerClass),
      oodPerClass: int('ood-per-class', RANGES.perClass, p.data.oodPerClass),
      // An empty list is "every class" (the paper-gap preset).
      ...(classes.length ? { classes } : {}),
    },
    methods: a.methods ? methods(a.methods) : p.methods.map((m) => ({ ...m })),
    epochs: int('epochs', RANGES.epochs, p.epochs),
    batchSize: int('batch', RANGES.batch, p.batchSize),
    seed: int('seed', RANGES.seed, p.seed),
    schedule: schedule(a.schedule as string),
    augment: !a['no-augment'],
    evalsPerEpoch: int('evals-per-epoch', RANGES.evalsPerEpoch, p.evalsPerEpoch),
    ...(maxSteps !== undefined ? { maxSteps } : {}),
    ...(a.out !== undefined ? { out: a.out } : {}),
  };
  return out;
}
