/**
 * A run exported as a PyTorch project (issue 12, item 4) trains as the TS engine trains it: the
 * zip is built as `npm run export-pytorch` and the Export panel build it, unzipped, its train.py
 * run with Debian's PyTorch; its per-step losses must equal the engine's (CPU backend, same
 * config, seed, batch order and augmentation) within 1e-4, and the weights it saves must load
 * back into the engine and equal the engine's own weights after the same steps.
 *
 * The batches match because train.py draws them from a port of the engine's Rng
 * (tools/torch_twin/engine_rng.py): the same shuffles per epoch, the same crop offsets and mirrors.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportInputs,
  exportProject,
  readTwinSources,
} from '../../../src/cli/export-pytorch/build';
import { parseSettings, type ExportSettings } from '../../../src/cli/export-pytorch/settings';
import { BenchmarkCache, checkpointBytes, loadManifest } from '../../../src/cli/experiment/load';
import { loadRecipe, optimizerOf } from '../../../src/cli/experiment/load-recipe';
import { phasesOf, type CheckpointEntry } from '../../../src/cli/experiment/run-one';
import { useCpuBackend } from '../../../src/cli/node-backend';
import { hasTorch, PYTHON } from '../../../src/cli/python';
import { loadCheckpoint, loadForNewTask } from '../../../src/core/checkpoint/checkpoint';
import { readSafetensors } from '../../../src/core/checkpoint/safetensors';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { Rng } from '../../../src/core/rng';
import type { ModelConfig } from '../../../src/spec/model-config';
import { DEFAULT_NORMALIZE, makeBatch } from '../../../src/core/train/batch';
import { runTraining, type RunConfig } from '../../../src/core/train/run';
import { benchmarkAugmenter } from '../../../src/data/augmenter';
import type { BenchmarkData } from '../../../src/data/benchmarks/types';
import { methodOf } from '../../../src/presets/experiment-recipe';
import type { ProjectRecipe } from '../../../src/project/project-recipe';
import type { MethodSpec, RunSpec } from '../../../src/protocol/messages';
import { sessionProject } from '../../../src/worker/export-project';

const TOL = 1e-4;
const torch = hasTorch();
if (!torch && process.env.CI)
  throw new Error('CI needs Debian python3-torch for the exported-project test');

let root: string;
/** The CLI-built project of the first test, which the torchrun test runs again. */
let cliDir = '';
const cache = new BenchmarkCache();

beforeAll(async () => {
  await useCpuBackend();
  root = mkdtempSync(join(tmpdir(), 'ftp-project-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Unzips the project under root/<tag>; returns its folder. */
function unzipTo(zip: Uint8Array, tag: string): string {
  let folder = '';
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    const file = join(root, tag, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    folder = join(root, tag, path.split('/')[0] as string);
  }
  return folder;
}

/** Runs the project's train.py (from inside its folder, or with `fromParent` as `python3 <folder>/train.py` from the folder above); its stdout. */
function train(
  dir: string,
  args: string[],
  launcher: string[] = [PYTHON],
  fromParent = false,
): string {
  const script = fromParent ? join(basename(dir), 'train.py') : 'train.py';
  const r = spawnSync(
    launcher[0] as string,
    [...launcher.slice(1), script, '--threads', '1', ...args],
    { cwd: fromParent ? dirname(dir) : dir, encoding: 'utf8', timeout: 240_000 },
  );
  if (r.status !== 0) throw new Error(`train.py failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

interface EvalLog {
  step: number;
  id: number;
  ood: number;
  idAcc: number;
}

/**
 * train.py's closing table, row by row: method, best ID, OOD at that step, its step, final ID,
 * final OOD (cells as printed). Each must be the method's log: the best-ID evaluation is the
 * first with the highest ID accuracy (the engine's early stopping, the page's results table).
 */
function checkSummary(stdout: string, out: string, ids: readonly string[]): void {
  const lines = stdout.trimEnd().split('\n');
  const at = lines.findIndex((l) => l.startsWith('Results, in %'));
  expect(at, stdout).toBeGreaterThanOrEqual(0);
  expect(lines[at + 1]).toMatch(
    /^method\s+best ID\s+OOD at that step\s+step\s+final ID\s+final OOD\s+status$/,
  );
  const pct = (v: number): string => (100 * v).toFixed(1);
  const rows = lines.slice(at + 2).map((l) => l.trim().split(/\s+/));
  expect(rows.map((r) => r[0])).toEqual(ids);
  for (const r of rows) {
    const log = JSON.parse(readFileSync(join(out, `${r[0]}.json`), 'utf8')) as { evals: EvalLog[] };
    const best = log.evals.reduce((b, e) => (e.idAcc > b.idAcc ? e : b));
    const last = log.evals.at(-1) as EvalLog;
    expect(r.slice(1, 7), r[0]).toEqual([
      pct(best.id),
      pct(best.ood),
      String(best.step),
      pct(last.id),
      pct(last.ood),
      'finished',
    ]);
  }
}

interface MethodLog {
  status: string;
  steps: { step: number; phase: string; loss: number; lr: number }[];
}
const readLog = (out: string, id: string): MethodLog =>
  JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')) as MethodLog;

/** The largest |a - b| over two runs' steps (both must have the same count). */
function maxDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((x, i) => Math.abs(x - (b[i] as number))));
}

/**
 * A checkpoint train.py saved, read by the engine (strict: every name and shape, metadata), set
 * against the engine's own model after the same steps: the largest weight difference, and the
 * largest difference of their eval-mode logits on the ID validation images.
 */
async function loadBack(
  engine: ModelInstance,
  file: string,
  data: BenchmarkData,
): Promise<{ weights: number; logits: number; metadata: Record<string, string> }> {
  const { model, metadata } = loadCheckpoint(
    engine.def,
    new Uint8Array(readFileSync(file)),
    new Rng(0),
    { what: file },
  );
  try {
    const [mine, back] = [await engine.readAll(), await model.readAll()];
    let weights = 0;
    for (const [name, v] of mine) {
      const w = back.get(name) as Float32Array;
      for (let i = 0; i < v.length; i++)
        weights = Math.max(weights, Math.abs((v[i] as number) - (w[i] as number)));
    }
    const set = data.sets.idVal;
    const { x, y } = makeBatch(
      set,
      Array.from({ length: set.n }, (_, i) => i),
      DEFAULT_NORMALIZE,
    );
    const logits = tf.tidy(() =>
      tf.max(
        tf.abs(
          tf.sub(
            engine.def.forward(engine.params, x, false).logits,
            model.def.forward(model.params, x, false).logits,
          ),
        ),
      ),
    );
    const diff = (await logits.data())[0] as number;
    tf.dispose([x, y, logits]);
    return { weights, logits: diff, metadata };
  } finally {
    model.dispose();
  }
}

/** Runs runTraining on `model` phase by phase, at most `maxSteps` steps in all; the step losses. */
async function engineSteps(
  model: ModelInstance,
  data: BenchmarkData,
  phases: RunConfig[],
  augment: boolean,
  maxSteps: number,
): Promise<number[]> {
  const losses: number[] = [];
  for (const cfg of phases) {
    const left = maxSteps - losses.length;
    if (left <= 0) break;
    const r = await runTraining(
      model,
      data.sets,
      { ...cfg, maxSteps: left },
      {
        ...(augment ? { augment: benchmarkAugmenter(data) } : {}),
        onEvent: (e) => void (e.type === 'step' && losses.push(e.loss)),
      },
    );
    expect(r.type).toBe('done');
  }
  return losses;
}

describe.skipIf(!torch)('an exported PyTorch project', () => {
  // The default lesson's model and benchmark, cut small: 2 classes x 8 = 16 training images,
  // batch 8 = 2 steps per epoch, 2 epochs; LP-FT's 2 head-only epochs come first (4 steps).
  const settings = parseSettings([
    '--classes',
    '0,3',
    '--train-per-class',
    '8',
    '--val-per-class',
    '3',
    '--ood-per-class',
    '3',
    '--batch',
    '8',
    '--epochs',
    '2',
    '--seed',
    '5',
    '--methods',
    'sgd=0.01,sgd-freeze-nomom=0.05,adamw=0.002,sgd-embed-lr0.1=0.02,lp-ft=0.003',
  ]) as ExportSettings;
  const MAX = 6; // 4 steps of each method; LP-FT: 4 head-only steps, then 2 of fine-tuning

  it('reproduces the engine for SGD, SGD+momentum, AdamW, freeze-embed, the embedding LR scale and LP-FT, and its weights load back', async () => {
    const t0 = performance.now();
    const project = await exportProject(settings, cache);
    const dir = unzipTo(project.zip, 'cli');
    cliDir = dir;
    const recipe = JSON.parse(readFileSync(join(dir, 'recipe.json'), 'utf8')) as ProjectRecipe;
    const out = join(dir, 'out');
    const tExport = performance.now();
    const stdout = train(dir, ['--max-steps', String(MAX)]);
    const tPython = performance.now();
    checkSummary(
      stdout,
      out,
      settings.methods.map((m) => m.method),
    );

    // The engine, as `npm run experiment` runs each method (run-one.ts: phasesOf, optimizerOf, the benchmark's augmentation).
    const experiment = loadRecipe();
    const entry = (await loadManifest()).find((m) => m.name === settings.model) as CheckpointEntry;
    const bytes = await checkpointBytes(entry);
    const data = await cache.get(settings.benchmark, settings.data);
    const config = recipe.model.config;
    const diffs: Record<string, { loss: number; weights: number; logits: number }> = {};
    for (const { method: id, lr } of settings.methods) {
      const m = methodOf(experiment, id);
      const phases = phasesOf(m, settings.epochs).map((p): RunConfig => ({
        optimizer: optimizerOf(experiment, id, p.lr ?? lr),
        schedule: settings.schedule,
        freeze: p.freeze,
        ...(m.embedLrScale !== undefined ? { lrScale: { embed: m.embedLrScale } } : {}),
        epochs: p.epochs,
        batchSize: settings.batchSize,
        seed: settings.seed,
        evalEvery: 0,
        evalAtStart: false,
      }));
      const model = loadForNewTask(buildModel(config), bytes, new Rng(settings.seed), entry.file);
      try {
        const losses = await engineSteps(model, data, phases, true, MAX);
        const log = readLog(out, id);
        expect(log.status).toBe('finished');
        expect(log.steps.map((s) => s.phase)).toEqual(
          m.lpEpochs ? ['lp', 'lp', 'lp', 'lp', 'ft', 'ft'] : ['ft', 'ft', 'ft', 'ft'],
        );
        const loss = maxDiff(
          log.steps.map((s) => s.loss),
          losses,
        );
        expect(
          loss,
          `${id}: losses ${JSON.stringify(losses)} vs ${JSON.stringify(log.steps.map((s) => s.loss))}`,
        ).toBeLessThan(TOL);
        const back = await loadBack(model, join(out, `${id}.safetensors`), data);
        expect(back.logits, `${id}: logits of the loaded weights`).toBeLessThan(TOL);
        // SGD moves each weight in proportion to its gradient: the weights agree elementwise.
        // AdamW divides by sqrt(v): where a gradient is ~0 the update is a ratio of rounding
        // noise (either sign, up to the learning rate), so only the model's outputs must agree.
        if (m.optimizer === 'sgd') expect(back.weights, `${id}: weights`).toBeLessThan(TOL);
        expect(JSON.parse(back.metadata.config ?? '{}')).toEqual(config);
        expect(back.metadata).toMatchObject({
          format: 'pt',
          method: id,
          steps: String(losses.length),
        });
        diffs[id] = { loss, weights: back.weights, logits: back.logits };
      } finally {
        model.dispose();
      }
    }
    console.log(
      `exported project (CLI path), vit-adamw, ${data.sets.train.n} images: zip ${(project.zip.byteLength / 1024).toFixed(0)} KB, export ${((tExport - t0) / 1000).toFixed(1)} s, ` +
        `train.py ${((tPython - tExport) / 1000).toFixed(1)} s; max |difference| from the engine (loss, weights, logits): ` +
        Object.entries(diffs)
          .map(
            ([id, d]) =>
              `${id} ${d.loss.toExponential(1)}, ${d.weights.toExponential(1)}, ${d.logits.toExponential(1)}`,
          )
          .join('; '),
    );
  }, 300_000);

  it('gives the same losses under torchrun (2 processes, DDP on gloo) as in one process', () => {
    const dir = cliDir;
    // --redirects 2 --tee 2: Debian's torchrun (torch 1.13) under Python 3.11 cannot parse its
    // default '--redirects 0' (an enum change); redirecting stderr to files and the console works.
    const torchrun = [
      '/usr/bin/torchrun',
      '--standalone',
      '--nproc_per_node',
      '2',
      '--redirects',
      '2',
      '--tee',
      '2',
      '--log_dir',
      join(root, 'torchrun-logs'),
    ];
    train(dir, ['--methods', 'adamw', '--max-steps', '3', '--out', 'out-ddp'], torchrun);
    const one = readLog(join(dir, 'out'), 'adamw')
      .steps.slice(0, 3)
      .map((s) => s.loss);
    const two = readLog(join(dir, 'out-ddp'), 'adamw').steps.map((s) => s.loss);
    const d = maxDiff(two, one);
    console.log(
      `torchrun 2 processes vs 1: max |loss difference| ${d.toExponential(2)} over 3 AdamW steps`,
    );
    expect(d).toBeLessThan(1e-5);
  }, 240_000);

  it("exports the page's run (the worker's path): a BatchNorm ResNet, Nesterov with weight decay, freeze-embed, warm-up, crops and mirrors, a step cap", async () => {
    const entry = (await loadManifest()).find((m) => m.name === 'resnet-sgd') as CheckpointEntry;
    const data = await cache.get('spurious', {
      seed: 1,
      trainPerClass: 6,
      valPerClass: 2,
      oodPerClass: 2,
    });
    const config = { ...entry.config, numClasses: data.sets.train.numClasses } as ModelConfig;
    const start = loadForNewTask(
      buildModel(config),
      await checkpointBytes(entry),
      new Rng(1),
      entry.file,
    );
    const lm = { config, def: start.def, weights: await start.readAll() };
    start.dispose();
    const methods: MethodSpec[] = [
      {
        id: 'nesterov-freeze',
        label: 'SGD Nesterov freeze-embed',
        optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 },
        freeze: ['embed'],
      },
      {
        id: 'adamw',
        label: 'AdamW',
        optimizer: {
          kind: 'adamw',
          lr: 3e-3,
          beta1: 0.9,
          beta2: 0.99,
          eps: 1e-8,
          weightDecay: 0.05,
        },
        freeze: [],
      },
    ];
    const run: RunSpec = {
      methods,
      schedule: { kind: 'warmup-cosine', warmupSteps: 2 },
      epochs: 2,
      batchSize: 4,
      seed: 1,
      evalEvery: 2,
      maxSteps: 5,
      augment: true,
    }; // spurious allows mirrors
    const project = sessionProject(
      lm,
      data,
      run,
      { kind: 'pretrained', name: entry.name, seed: 1 },
      readTwinSources(),
    );
    const dir = unzipTo(project.zip, 'worker');
    // maxSteps comes from the recipe: the page's step cap. Run as the README allows: python3 <folder>/train.py from the folder above.
    const stdout = train(dir, [], [PYTHON], true);
    checkSummary(
      stdout,
      join(dir, 'out'),
      methods.map((m) => m.id),
    );
    for (const method of methods) {
      // As RunController runs a method of the page's run.
      const model = ModelInstance.fromValues(lm.def, lm.weights);
      try {
        const losses = await engineSteps(
          model,
          data,
          [
            {
              optimizer: method.optimizer,
              schedule: run.schedule,
              freeze: method.freeze,
              epochs: run.epochs,
              batchSize: run.batchSize,
              seed: run.seed,
              evalEvery: run.evalEvery,
            },
          ],
          run.augment,
          run.maxSteps as number,
        );
        expect(losses).toHaveLength(5);
        const log = readLog(join(dir, 'out'), method.id);
        expect(
          maxDiff(
            log.steps.map((s) => s.loss),
            losses,
          ),
          method.id,
        ).toBeLessThan(TOL);
        const back = await loadBack(model, join(dir, 'out', `${method.id}.safetensors`), data);
        expect(
          back.logits,
          `${method.id}: logits (eval mode: the BatchNorm running statistics too)`,
        ).toBeLessThan(TOL);
        if (method.optimizer.kind === 'sgd')
          expect(back.weights, `${method.id}: weights and BatchNorm statistics`).toBeLessThan(TOL);
        console.log(
          `worker path, resnet-sgd, ${method.id}: max |loss - engine| ${maxDiff(
            log.steps.map((s) => s.loss),
            losses,
          ).toExponential(
            2,
          )}, weights ${back.weights.toExponential(2)}, logits ${back.logits.toExponential(2)}`,
        );
      } finally {
        model.dispose();
      }
    }
  }, 300_000);
});

const STAND_INS = fileURLToPath(new URL('./stand-ins/', import.meta.url));
const pil = torch && spawnSync(PYTHON, ['-c', 'import PIL'], { stdio: 'ignore' }).status === 0;
if (torch && !pil && process.env.CI)
  throw new Error('CI needs Debian python3-pil for the image-folder path of the exported project');

describe.skipIf(!pil)(
  'the road to real scale (timm, WILDS, image folders), with stand-in timm and WILDS packages',
  () => {
    it('fine-tunes a timm model on a folder and on a WILDS dataset with the groups the paper freezes, and the micro model on a folder', async () => {
      const s = parseSettings([
        '--classes',
        '0,1',
        '--train-per-class',
        '2',
        '--val-per-class',
        '1',
        '--ood-per-class',
        '1',
        '--batch',
        '2',
        '--epochs',
        '1',
        '--methods',
        'sgd-freeze=0.1,adamw=0.01',
      ]) as ExportSettings;
      const dir = unzipTo((await exportProject(s, cache)).zip, 'road');
      const folder = join(root, 'folder');
      // 2 classes x 3 RGBA images of odd sizes per split: train/, val/ (ID), ood/.
      const make = `import os, numpy as np
from PIL import Image
for split in ('train', 'val', 'ood'):
    for c in ('cat', 'dog'):
        os.makedirs(os.path.join(${JSON.stringify(folder)}, split, c))
        for i in range(3):
            Image.fromarray(np.random.RandomState(i).randint(0, 255, (30, 41, 4), np.uint8), 'RGBA').save(os.path.join(${JSON.stringify(folder)}, split, c, f'{i}.png'))`;
      expect(spawnSync(PYTHON, ['-c', make]).status).toBe(0);
      const env = { ...process.env, PYTHONPATH: STAND_INS };
      const run = (args: string[]): void => {
        const r = spawnSync(PYTHON, ['train.py', '--threads', '1', '--workers', '0', ...args], {
          cwd: dir,
          encoding: 'utf8',
          env,
          timeout: 120_000,
        });
        if (r.status !== 0) throw new Error(`train.py ${args.join(' ')} failed:\n${r.stderr}`);
      };
      run([
        '--model',
        'timm:tiny',
        '--data',
        `folder:${folder}`,
        '--epochs',
        '2',
        '--out',
        'timm-folder',
      ]);
      const weights = (file: string): Map<string, Float32Array> => {
        const { tensors } = readSafetensors(new Uint8Array(readFileSync(join(dir, file))));
        return new Map([...tensors].map(([n, t]) => [n, t.data as Float32Array]));
      };
      const frozen = weights('timm-folder/sgd-freeze.safetensors');
      const trained = weights('timm-folder/adamw.safetensors');
      const fresh = spawnSync(
        PYTHON,
        [
          '-c',
          'import timm, json; m = timm.create_model("tiny", num_classes=2); print(json.dumps({k: v.flatten().tolist() for k, v in m.state_dict().items()}))',
        ],
        { env, encoding: 'utf8' },
      );
      const start = new Map(Object.entries(JSON.parse(fresh.stdout) as Record<string, number[]>));
      const moved = (w: Map<string, Float32Array>, name: string): boolean =>
        w.get(name)!.some((v, i) => Math.abs(v - start.get(name)![i]!) > 1e-7);
      // freeze-embed froze the patch embedding (found by name) and trained the rest; AdamW trained all.
      expect(
        ['patch_embed.proj.weight', 'pos_embed', 'head.weight'].map((n) => moved(frozen, n)),
      ).toEqual([false, true, true]);
      expect(
        ['patch_embed.proj.weight', 'pos_embed', 'head.weight'].map((n) => moved(trained, n)),
      ).toEqual([true, true, true]);
      const folderLog = readLog(join(dir, 'timm-folder'), 'adamw');
      expect(folderLog.steps.map((x) => x.step)).toEqual([1, 2, 3, 4, 5, 6]); // 6 images, batch 2, 2 epochs

      run([
        '--model',
        'timm:tiny',
        '--data',
        'wilds:toy',
        '--batch-size',
        '4',
        '--methods',
        'adamw',
        '--out',
        'timm-wilds',
      ]);
      const wilds = JSON.parse(readFileSync(join(dir, 'timm-wilds', 'adamw.json'), 'utf8')) as {
        evals: { reports: { ood: { n: number; wilds: Record<string, number> } } }[];
      };
      expect(wilds.evals.at(-1)?.reports.ood).toMatchObject({
        n: 6,
        wilds: { acc_avg: expect.any(Number) },
      }); // WILDS's own metrics

      run(['--data', `folder:${folder}`, '--methods', 'sgd-freeze', '--out', 'micro-folder']);
      const micro = weights('micro-folder/sgd-freeze.safetensors');
      expect(micro.get('head.weight')?.length).toBe(2 * 64); // a fresh head for the folder's 2 classes
      expect(readLog(join(dir, 'micro-folder'), 'sgd-freeze').status).toBe('finished');
    }, 240_000);
  },
);

describe('the project zip', () => {
  it("holds the recipe, the exact data subset, the starting weights, the twin's code and a README", async () => {
    const s = parseSettings([
      '--classes',
      '1,2,4',
      '--train-per-class',
      '3',
      '--val-per-class',
      '2',
      '--ood-per-class',
      '2',
      '--methods',
      'sgd=0.01,lp-ft=0.001',
    ]) as ExportSettings;
    const { recipe, data, start } = await exportInputs(s, cache);
    const project = await exportProject(s, cache);
    const files = unzipSync(project.zip);
    const name = project.name;
    const pkg = [
      '__init__.py',
      'engine_batches.py',
      'engine_rng.py',
      'models/__init__.py',
      'models/blocks.py',
      'models/convnext.py',
      'models/resnet.py',
      'models/twin_model.py',
      'models/vit.py',
      'optim.py',
      'specs.json',
      'specs.py',
      'st_io.py',
    ];
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.md',
        'data.npz',
        'real_scale.py',
        'recipe.json',
        'start.safetensors',
        'train.py',
        ...pkg.map((f) => `torch_twin/${f}`),
      ]
        .map((f) => `${name}/${f}`)
        .sort(),
    );
    expect(JSON.parse(strFromU8(files[`${name}/recipe.json`] as Uint8Array))).toEqual(recipe);
    expect(recipe.methods.find((m) => m.id === 'lp-ft')).toMatchObject({
      lp: { epochs: 2, lr: 0.1 },
      optimizer: { kind: 'sgd', lr: 0.001, momentum: 0.9 },
    });
    expect(files[`${name}/start.safetensors`]).toEqual(start);
    // The twin's own code, byte for byte in its own package layout: one definition of the models, no copy kept in src/, no rewrite.
    const twin = readTwinSources();
    for (const f of pkg.filter((p) => p.endsWith('.py') && p !== '__init__.py'))
      expect(strFromU8(files[`${name}/torch_twin/${f}`] as Uint8Array), f).toBe(twin[f]);
    expect(strFromU8(files[`${name}/train.py`] as Uint8Array)).toBe(twin['project/train.py']);
    // data.npz: the run's images byte for byte (a zip of .npy files).
    const npz = unzipSync(files[`${name}/data.npz`] as Uint8Array);
    const pixels = npz['train_pixels.npy'] as Uint8Array;
    expect(pixels.subarray(pixels.length - data.sets.train.pixels.length)).toEqual(
      data.sets.train.pixels,
    );
    expect(strFromU8(pixels.subarray(0, 128))).toContain(
      `'shape': (${data.sets.train.n}, 28, 28, 3)`,
    );
    expect(Object.keys(npz).sort()).toEqual(
      [
        'idVal_groups',
        'idVal_labels',
        'idVal_pixels',
        'ood_groups',
        'ood_labels',
        'ood_pixels',
        'train_groups',
        'train_labels',
        'train_pixels',
      ].map((n) => `${n}.npy`),
    );
    const readme = strFromU8(files[`${name}/README.md`] as Uint8Array);
    expect(readme).toMatch(/torchrun[\s\S]*timm:[\s\S]*wilds:/);
    // The command that works where `python` is not installed (Debian): python3, in the unzipped folder.
    expect(readme).toContain(`\n\`\`\`sh\ncd ${name}\npython3 train.py`);
    expect(readme).not.toMatch(/(^|\s)python train\.py/m);
    expect(readme).toContain('Exported by the `npm run export-pytorch` command');
  }, 120_000);
});
