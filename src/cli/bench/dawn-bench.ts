/**
 * The training bench on WebGPU without a browser: tfjs-backend-webgpu on dawn.node (Dawn, the
 * WebGPU implementation inside Chromium, as a Node addon). Bundled into one file by
 * `npm run gpu-kit` (tools/gpu-kit/build.ts), next to dawn.node and a Node binary.
 *
 * For each micro model: the first step (shaders compiled ahead, core/train/precompile.ts) and
 * the median of the steady steps, batch 32 by default, AdamW. Prints a markdown table, then
 * one JSON object per line. Usage: node bench.mjs [--batch 32] [--steps 10] [--models vit,...]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { adamwBenchSetup } from './step-setup';
import type { Family } from '../../spec/model-config';
import { precompileSteps } from '../../core/train/precompile';
import { trainStep } from '../../core/train/step';
import { startWebGpuOnDawn } from './dawn';
import { median } from './stats';

const { values: args } = parseArgs({
  options: {
    batch: { type: 'string', default: '32' },
    steps: { type: 'string', default: '10' },
    models: { type: 'string', default: 'vit,convnext,resnet' },
    dawn: { type: 'string', default: './dawn.node' },
  },
});

/** Compute dispatches recorded so far (startWebGpuOnDawn counts them). */
let dispatches = 0;

async function benchModel(
  family: Family,
  batch: number,
  steps: number,
): Promise<{
  family: Family;
  batch: number;
  compileMs: number;
  firstStepMs: number;
  stepMs: number;
  dispatchesPerStep: number;
  kernelsPerStep: number;
}> {
  const { model, cfg, opt, params, x, y, dispose } = adamwBenchSetup(family, batch);
  const compileMs = await precompileSteps(model, [{ params, optimizer: cfg }], x, y, []);
  const times: number[] = [];
  let dispatchesPerStep = 0;
  let kernelsPerStep = 0;
  for (let i = 0; i <= steps; i++) {
    if (i === 1) {
      // One steady step counted two ways: tfjs kernels (tf.profile) and real GPU dispatches.
      const before = dispatches;
      const profile = await tf.profile(() =>
        trainStep(model, opt, params, x, y, 1e-3, { step: 0 }).then(() => undefined),
      );
      dispatchesPerStep = dispatches - before;
      kernelsPerStep = profile.kernels.length;
    }
    const t = performance.now();
    await trainStep(model, opt, params, x, y, 1e-3, { step: i }); // ends in one readback: the GPU has finished
    times.push(performance.now() - t);
    process.stderr.write(
      `  ${family}: step ${i + 1}/${steps + 1} ${(times.at(-1) as number).toFixed(0)} ms\n`,
    );
  }
  dispose();
  return {
    family,
    batch,
    compileMs,
    firstStepMs: times[0] as number,
    stepMs: median(times.slice(1)),
    dispatchesPerStep,
    kernelsPerStep,
  };
}

const info = await startWebGpuOnDawn(args.dawn as string, () => dispatches++);
const adapter = [info.vendor, info.architecture, info.device, info.description]
  .filter(Boolean)
  .join(' ');
const rows = [];
for (const f of (args.models as string).split(',') as Family[])
  rows.push(await benchModel(f, Number(args.batch), Number(args.steps)));
console.log(`## WebGPU on dawn.node (${adapter}; node ${process.version})\n`);
console.log(
  '| model | batch | shaders compiled ahead, ms | first step ms | steady step ms (median) | tfjs kernels / step | GPU dispatches / step |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.family} | ${r.batch} | ${r.compileMs.toFixed(0)} | ${r.firstStepMs.toFixed(0)} | ${r.stepMs.toFixed(1)} | ${r.kernelsPerStep} | ${r.dispatchesPerStep} |`,
  );
console.log('');
for (const r of rows) console.log(JSON.stringify({ ...r, backend: 'webgpu', adapter }));
// An explicit exit: the device need not be torn down (no hang was seen without it, webgpu 0.6.2).
process.exit(0);
