/**
 * The training bench on WebGPU without a browser: tfjs-backend-webgpu on dawn.node (Dawn, the
 * WebGPU implementation inside Chromium, as a Node addon). Bundled into one file by
 * `npm run gpu-kit` (tools/gpu-kit/build.ts), next to dawn.node and a Node binary.
 *
 * For each micro model: the first step (shaders compiled ahead, core/train/precompile.ts) and
 * the median of the steady steps, batch 32 by default, AdamW. Prints a markdown table, then
 * one JSON object per line. Usage: node bench.mjs [--batch 32] [--steps 10] [--models vit,...]
 */
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { registerEngineKernels } from '../../src/core/register-kernels';
import { adamwBenchSetup } from '../../src/cli/adamw-bench-setup';
import type { Family } from '../../src/core/spec/model-config';
import { precompileSteps } from '../../src/core/train/precompile';
import { trainStep } from '../../src/core/train/step';

interface Dawn {
  create(flags: string[]): { requestAdapter(): Promise<{ info?: Record<string, string> } | null> };
  globals: Record<string, unknown>;
}

const { values: args } = parseArgs({
  options: { batch: { type: 'string', default: '32' }, steps: { type: 'string', default: '10' }, models: { type: 'string', default: 'vit,convnext,resnet' }, dawn: { type: 'string', default: './dawn.node' } },
});

/** Compute dispatches recorded so far (dispatchWorkgroups wrapped): what a step costs a GPU in launches. */
let dispatches = 0;

function countDispatches(globals: Record<string, unknown>): void {
  const encoder = globals.GPUComputePassEncoder as { prototype: { dispatchWorkgroups: (...a: unknown[]) => void } } | undefined;
  if (!encoder) return;
  const original = encoder.prototype.dispatchWorkgroups;
  encoder.prototype.dispatchWorkgroups = function (this: unknown, ...a: unknown[]) {
    dispatches++;
    return original.apply(this, a);
  };
}

/** navigator.gpu from dawn.node, with the GPU* constants tfjs reads from the global scope. */
async function installWebGpu(): Promise<Record<string, string>> {
  const dawn = createRequire(import.meta.url)(args.dawn as string) as Dawn;
  Object.assign(globalThis, dawn.globals);
  countDispatches(dawn.globals);
  const gpu = dawn.create([]);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: 'node' }, configurable: true });
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('dawn.node found no WebGPU adapter (Vulkan: is libvulkan.so.1 on LD_LIBRARY_PATH and a Vulkan driver installed? VK_ICD_FILENAMES picks one)');
  return adapter.info ?? {};
}

async function benchModel(
  family: Family,
  batch: number,
  steps: number,
): Promise<{ family: Family; batch: number; compileMs: number; firstStepMs: number; stepMs: number; dispatchesPerStep: number; kernelsPerStep: number }> {
  const { model, cfg, opt, params, x, y, dispose } = adamwBenchSetup(family, batch);
  const compileMs = await precompileSteps(model, [{ params, optimizer: cfg }], x, y, []);
  const times: number[] = [];
  let dispatchesPerStep = 0;
  let kernelsPerStep = 0;
  for (let i = 0; i <= steps; i++) {
    if (i === 1) {
      // One steady step counted two ways: tfjs kernels (tf.profile) and real GPU dispatches.
      const before = dispatches;
      const profile = await tf.profile(() => trainStep(model, opt, params, x, y, 1e-3, { step: 0 }).then(() => undefined));
      dispatchesPerStep = dispatches - before;
      kernelsPerStep = profile.kernels.length;
    }
    const t = performance.now();
    await trainStep(model, opt, params, x, y, 1e-3, { step: i }); // ends in one readback: the GPU has finished
    times.push(performance.now() - t);
    process.stderr.write(`  ${family}: step ${i + 1}/${steps + 1} ${(times.at(-1) as number).toFixed(0)} ms\n`);
  }
  dispose();
  const steady = times.slice(1).sort((a, b) => a - b);
  return { family, batch, compileMs, firstStepMs: times[0] as number, stepMs: steady[Math.floor(steady.length / 2)] as number, dispatchesPerStep, kernelsPerStep };
}

const info = await installWebGpu();
registerEngineKernels();
// Imported only now: the backend registers itself only if navigator.gpu exists when it loads.
await import('@tensorflow/tfjs-backend-webgpu');
if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not start its WebGPU backend on dawn.node');
await tf.ready();
const adapter = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
const rows = [];
for (const f of (args.models as string).split(',') as Family[]) rows.push(await benchModel(f, Number(args.batch), Number(args.steps)));
console.log(`## WebGPU on dawn.node (${adapter}; node ${process.version})\n`);
console.log('| model | batch | shaders compiled ahead, ms | first step ms | steady step ms (median) | tfjs kernels / step | GPU dispatches / step |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.family} | ${r.batch} | ${r.compileMs.toFixed(0)} | ${r.firstStepMs.toFixed(0)} | ${r.stepMs.toFixed(1)} | ${r.kernelsPerStep} | ${r.dispatchesPerStep} |`);
console.log('');
for (const r of rows) console.log(JSON.stringify({ ...r, backend: 'webgpu', adapter }));
// An explicit exit: the device need not be torn down (no hang was seen without it, webgpu 0.6.2).
process.exit(0);
