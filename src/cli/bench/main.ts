/**
 * npm run bench [-- --batch 16 --reps 5 --models vit,convnext,resnet] [--json] [--kernels-only] [--torch-only]
 *
 * 0. Kernels per training step for every model x {sgd, sgd-momentum, adamw} x {freeze-embed
 *    off, on}, counted with tf.profile (deterministic). --json prints only these, one JSON
 *    object per line: {model, optimizer, freeze, batch, kernelsPerStep, cpuKernelsPerStep}.
 *    Then GPU dispatches per AdamW step on Dawn where dawn.node is fetched (src/cli/bench-dispatches.ts).
 * 1. Instrumentation cost: for each default micro model on the CPU backend, the median time
 *    of our full step (per-parameter gradient norms, one packed readback) against a plain
 *    step (loss readback only), interleaved in the same run so machine noise hits both.
 * 2. Memory per optimizer: the accounting (weights + grads + state, by group) against what
 *    tf.memory() measures after a step (grads are freed by then, so measured persistent
 *    bytes = weights + optimizer state + BatchNorm buffers).
 * 3. With --browser (or --browser-only) [--browser-backends webgpu,wasm]: the same models in
 *    Chromium on webgpu, webgl, wasm and cpu
 *    through the real worker: time to first step and steps/s (src/cli/bench-browser.ts).
 * 3b. The engine beside PyTorch CPU: an AdamW step of each model on tfjs cpu, tfjs wasm and
 *    the PyTorch twin (one thread), interleaved, as ratios (src/cli/bench-torch.ts; skipped
 *    with --no-torch or when /usr/bin/python3 has no torch; --torch-only prints this table alone).
 * 3c. With --wasm-threads [--browser-steps N] [--reps N]: tfjs-backend-wasm threaded (cross-origin
 *    isolated page) against single-threaded in Chromium, interleaved (src/cli/bench-wasm-threads.ts).
 * 4. With --lesson [--backends wasm,cpu,webgl,webgpu] [--lesson-steps N] [--lesson-preset full-run] [--lesson-workers N]:
 *    the default lesson (or the full run on acquisition at strength 1) as a class runs it, wall time and results table per backend (src/cli/bench-lesson.ts).
 * Prints markdown tables. Absolute times on a 2-core machine are noisy: read the ratios.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { accountMemory } from '../../core/spec/memory-account';
import { ModelInstance } from '../../core/models/instance';
import { buildModel } from '../../core/models/build-model';
import type { ModelDef } from '../../core/models/model';
import { defaultModelConfig, FAMILIES, type Family } from '../../core/spec/model-config';
import { type GroupName, numel } from '../../core/spec/param-spec';
import { createOptimizer } from '../../core/optim/create';
import { defaultOptimizer } from '../../core/spec/optimizer-config';
import { trainedParams } from '../../core/optim/param-groups';
import { Rng } from '../../core/rng';
import { trainStep } from '../../core/train/step';
import { benchBrowser } from './browser';
import { benchLesson, type LessonPreset } from './lesson';
import { benchWasmThreads } from './wasm-threads';
import { benchTorch } from './torch';
import { benchDispatches } from './dispatches';
import { hasTorch } from '../python';
import { countKernels, OPTIMIZER_KINDS, type KernelCount } from './kernel-count';
import type { BackendName } from '../../protocol/messages';
import { useCpuBackend } from '../node-backend';
import { intFlag, RANGES } from '../flags';

const { values: args } = parseArgs({
  options: {
    batch: { type: 'string', default: '16' },
    reps: { type: 'string', default: '5' },
    models: { type: 'string', default: FAMILIES.join(',') },
    browser: { type: 'boolean', default: false },
    'browser-only': { type: 'boolean', default: false },
    'browser-steps': { type: 'string', default: '5' },
    'browser-backends': { type: 'string' },
    'wasm-threads': { type: 'boolean', default: false },
    lesson: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'kernels-only': { type: 'boolean', default: false },
    backends: { type: 'string', default: 'cpu' },
    'lesson-steps': { type: 'string' },
    'lesson-preset': { type: 'string', default: 'classroom' },
    'lesson-workers': { type: 'string', default: '0' },
    'no-charts': { type: 'boolean', default: false },
    'no-torch': { type: 'boolean', default: false },
    'torch-only': { type: 'boolean', default: false },
  },
});
const batch = intFlag('batch', args.batch as string, RANGES.batch);
const reps = intFlag('reps', args.reps as string, { min: 1, max: 1000 });
const browserSteps = intFlag('browser-steps', args['browser-steps'] as string, RANGES.steps);
const families = (args.models as string).split(',') as Family[];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function randomBatch(def: ModelDef, n: number, seed: number): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const rng = new Rng(seed);
  const [h, w, c] = def.inputShape;
  const xs = Float32Array.from({ length: n * h * w * c }, () => rng.normal());
  const ys = Int32Array.from({ length: n }, () => rng.int(def.numClasses));
  return { x: tf.tensor4d(xs, [n, h, w, c]), y: tf.tensor1d(ys, 'int32') };
}

const paramCount = (def: ModelDef): number => def.specs.filter((s) => s.kind === 'param').reduce((a, s) => a + numel(s.shape), 0);

async function timing(family: Family): Promise<string> {
  const def = buildModel(defaultModelConfig(family));
  const model = ModelInstance.init(def, new Rng(1));
  const cfg = defaultOptimizer('sgd-momentum', 1e-4);
  const opt = createOptimizer(cfg);
  const params = trainedParams(model, new Set(), cfg);
  const { x, y } = randomBatch(def, batch, 2);
  const run = async (instrument: boolean): Promise<number> => {
    const t = performance.now();
    await trainStep(model, opt, params, x, y, 1e-4, { instrument });
    return performance.now() - t;
  };
  await run(true); // warm-up: kernel setup, optimizer state creation
  await run(false);
  const plain: number[] = [];
  const full: number[] = [];
  for (let r = 0; r < reps; r++) {
    // Alternate the order so drift in machine load does not favour one side.
    if (r % 2) {
      full.push(await run(true));
      plain.push(await run(false));
    } else {
      plain.push(await run(false));
      full.push(await run(true));
    }
    process.stderr.write(`  ${family}: rep ${r + 1}/${reps}\n`);
  }
  tf.dispose([x, y]);
  opt.dispose();
  model.dispose();
  const p = median(plain);
  const f = median(full);
  return `| ${family} | ${paramCount(def).toLocaleString('en-US')} | ${batch} | ${p.toFixed(0)} | ${f.toFixed(0)} | ${(f / p).toFixed(3)} | ${(((f - p) / p) * 100).toFixed(1)}% |`;
}

async function memory(family: Family): Promise<string[]> {
  const rows: string[] = [];
  const def = buildModel(defaultModelConfig(family));
  const n = paramCount(def);
  const methods: [string, 'sgd' | 'sgd-momentum' | 'adamw', GroupName[]][] = [
    ['SGD', 'sgd', []],
    ['SGD+momentum', 'sgd-momentum', []],
    ['AdamW', 'adamw', []],
    ['SGD freeze-embed', 'sgd', ['embed']],
    ['SGD+momentum freeze-embed', 'sgd-momentum', ['embed']],
    ['AdamW freeze-embed', 'adamw', ['embed']],
  ];
  const { x, y } = randomBatch(def, 2, 3);
  for (const [label, kind, freeze] of methods) {
    const before = tf.memory().numBytes;
    const model = ModelInstance.init(def, new Rng(1));
    const cfg = defaultOptimizer(kind, 1e-4);
    const opt = createOptimizer(cfg);
    await trainStep(model, opt, trainedParams(model, new Set(freeze), cfg), x, y, 1e-4);
    const measured = tf.memory().numBytes - before;
    const acc = accountMemory(def, cfg, new Set(freeze));
    const t = acc.total;
    const persistent = t.weightBytes + t.stateBytes + acc.bufferBytes;
    const training = t.weightBytes + t.gradBytes + t.stateBytes;
    rows.push(
      `| ${family} | ${label} | ${(training / n).toFixed(2)} | ${acc.bytesPerTrainedParam} | ${training.toLocaleString('en-US')} | ${persistent.toLocaleString('en-US')} | ${measured.toLocaleString('en-US')} | ${measured === persistent ? 'yes' : 'NO'} |`,
    );
    opt.dispose();
    model.dispose();
  }
  tf.dispose([x, y]);
  return rows;
}

async function main(): Promise<void> {
  const browserOpts = { batch, steps: browserSteps, families, ...(args['browser-backends'] ? { backends: (args['browser-backends'] as string).split(',') as BackendName[] } : {}) };
  if (args['browser-only']) return benchBrowser(browserOpts);
  if (args['torch-only']) return benchTorch(families, batch, reps);
  if (args['wasm-threads']) return benchWasmThreads({ batch, steps: browserSteps, reps, families });
  if (args.lesson) {
    await benchLesson({ backends: (args.backends as string).split(',') as BackendName[], cutSteps: args['lesson-steps'] ? intFlag('lesson-steps', args['lesson-steps'], RANGES.steps) : undefined, noCharts: args['no-charts'] as boolean, preset: args['lesson-preset'] as LessonPreset, workers: args['lesson-workers'] ? intFlag('lesson-workers', args['lesson-workers'], { min: 0, max: 16 }) : 0 });
    return;
  }
  const backend = await useCpuBackend();
  // Kernels per step first: deterministic, and what predicts GPU speed (one dispatch each).
  const counts: KernelCount[] = [];
  for (const f of families) for (const o of OPTIMIZER_KINDS) for (const fr of [false, true]) counts.push(await countKernels(f, o, fr, batch));
  if (args.json) {
    for (const c of counts) console.log(JSON.stringify(c));
    return;
  }
  console.log(`## Kernels per training step (tf.profile, batch ${batch}; on WebGPU one dispatch each at most; tools/gpu-kit counts the real dispatches)\n`);
  console.log('| model | optimizer | freeze-embed | kernels / step (generic optimizer and BatchNorm ops: webgl) | kernels / step (multi-tensor optimizer update and BatchNorm kernels, as the cpu backend runs it; wasm is close) |');
  console.log('|---|---|---|---|---|');
  for (const c of counts) console.log(`| ${c.model} | ${c.optimizer} | ${c.freeze ? 'on' : 'off'} | ${c.kernelsPerStep.toLocaleString('en-US')} | ${c.cpuKernelsPerStep.toLocaleString('en-US')} |`);
  benchDispatches(families, batch);
  console.log('');
  if (args['kernels-only']) return;
  console.log(`# Fine-Tune Playground bench (backend: ${backend}, node ${process.version}, batch ${batch}, ${reps} reps)\n`);
  console.log('## Instrumentation cost: full step (per-parameter grad norms, one readback) vs plain step\n');
  console.log('| model | params | batch | plain ms (median) | full ms (median) | full/plain | overhead |');
  console.log('|---|---|---|---|---|---|---|');
  for (const f of families) console.log(await timing(f));
  console.log('\n## Memory per optimizer: accounting vs tf.memory()\n');
  console.log('bytes/param = (weights + grads + state) / all params; frozen parameters cost 4.');
  console.log('Measured = tf.memory().numBytes held after one step (weights + optimizer state + BN buffers; grads are freed).\n');
  console.log('| model | method | bytes/param | bytes/trained param | accounted training bytes | accounted persistent | measured persistent | match |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const f of families) for (const r of await memory(f)) console.log(r);
  if (!args['no-torch'] && hasTorch()) await benchTorch(families, batch, reps);
  else if (!args['no-torch']) console.log('\n(The PyTorch comparison needs /usr/bin/python3 with torch: apt-get install -y python3-torch.)');
  if (args.browser) await benchBrowser(browserOpts);
}

await main();
