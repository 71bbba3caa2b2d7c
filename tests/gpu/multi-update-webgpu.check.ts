/**
 * The WebGPU multi-tensor optimizer updates (src/core/gpu-kernels/multi-update-webgpu.ts)
 * against the per-tensor generic ops, on Dawn (dawn.node, fetched by `npm run gpu-kit`) over
 * SwiftShader. Run by tests/unit/core/multi-update-webgpu.test.ts in a child process. Prints one
 * JSON line: per config, the largest difference of the final weights (relative, at least 1 in
 * the denominator), the multi-tensor update's dispatches in its last step, and the state bytes;
 * plus the leak check (numTensors and GPU buffers in use at step 10 and 200, a parameter joining
 * at step 5).
 */
import * as tf from '@tensorflow/tfjs-core';
import { useDawnWebGpu } from './dawn-setup';
import { caseSummary, leakRun, trajectory, type Trajectory } from './multi-trajectory';
import { ADAMW_KERNEL, SGD_KERNEL } from '../../src/core/cpu-kernels/fused-update';
import { registerWebGpuFusedUpdates } from '../../src/core/gpu-kernels/fused-update-webgpu';
import { AdamW } from '../../src/core/optim/adamw';
import { createOptimizer } from '../../src/core/optim/create';
import { Sgd } from '../../src/core/optim/sgd';
import type { OptimizerConfig } from '../../src/spec/optimizer-config';

await useDawnWebGpu(process.argv[2] as string);

const CONFIGS: [string, OptimizerConfig][] = [
  ['sgd', { kind: 'sgd', lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0.01 }],
  ['sgd + momentum', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0.01 }],
  ['sgd + nesterov', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 }],
  ['adamw', { kind: 'adamw', lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }],
];
/** The per-tensor optimizer on the generic ops (the fused per-tensor kernels unregistered). */
async function generic(cfg: OptimizerConfig, join: boolean): Promise<Trajectory> {
  tf.unregisterKernel(ADAMW_KERNEL, 'webgpu');
  tf.unregisterKernel(SGD_KERNEL, 'webgpu');
  try {
    return await trajectory(
      cfg.kind === 'adamw'
        ? new AdamW(cfg)
        : new Sgd(cfg as Extract<OptimizerConfig, { kind: 'sgd' }>),
      join,
    );
  } finally {
    registerWebGpuFusedUpdates();
  }
}

const out: Record<string, unknown> = {};
const cases = CONFIGS.flatMap(([name, cfg]) => [
  { name, cfg, join: false, shared: false },
  { name: `${name} (join)`, cfg, join: true, shared: false },
  { name: `${name} (shared)`, cfg, join: false, shared: true },
]);
for (const { name, cfg, join, shared } of cases) {
  const multi = await trajectory(createOptimizer(cfg), join, shared);
  const ref = await generic(cfg, join);
  out[name] = caseSummary(multi, ref, 'generic', createOptimizer(cfg).constructor.name);
}
// Leaks: numTensors and GPU buffers in use at step 10 and step 200 of AdamW (in place), a parameter joining at step 5.
Object.assign(out, await leakRun(createOptimizer(CONFIGS[3]![1]), 'zeros', 5));
console.log(JSON.stringify(out));
process.exit(0);
