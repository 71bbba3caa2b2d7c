/**
 * The WebGPU fused optimizer updates (src/core/gpu-kernels) against the generic ops, on a real
 * WebGPU implementation: Dawn (dawn.node, fetched by `npm run gpu-kit`) on whatever Vulkan driver
 * the machine has (SwiftShader here). Run by tests/unit/core/fused-update-webgpu.test.ts in a child
 * process, because Dawn needs libvulkan on LD_LIBRARY_PATH from the start. Prints one JSON line:
 * per config, the largest difference between the fused and the generic trajectory, and the
 * dispatches each made.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dispatchCount, useDawnWebGpu } from './dawn-setup';
import { ADAMW_KERNEL, SGD_KERNEL } from '../../src/core/cpu-kernels/fused-update';
import { registerWebGpuFusedUpdates } from '../../src/core/gpu-kernels/fused-update-webgpu';
import { AdamW } from '../../src/core/optim/adamw';
import type { TrainedParam } from '../../src/core/optim/optimizer';
import { Rng } from '../../src/core/rng';
import { Sgd } from '../../src/core/optim/sgd';
import type { OptimizerConfig } from '../../src/spec/optimizer-config';

await useDawnWebGpu(process.argv[2] as string);

/** 6 steps of `cfg` on a weight (with decay and an lr scale) and a bias, random gradients. */
async function trajectory(cfg: OptimizerConfig): Promise<{ values: number[]; dispatches: number }> {
  const rng = new Rng(9);
  const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
  const params: TrainedParam[] = [
    {
      name: 'w',
      variable: tf.variable(tf.tensor2d(rand(300), [30, 10])),
      weightDecay: 0.05,
      lrScale: 0.5,
    },
    { name: 'b', variable: tf.variable(tf.tensor1d(rand(10))), weightDecay: 0 },
  ];
  // The per-tensor optimizers (createOptimizer now gives the multi-tensor ones: multi-update-webgpu.check.ts).
  const opt =
    cfg.kind === 'adamw'
      ? new AdamW(cfg)
      : new Sgd(cfg as Extract<OptimizerConfig, { kind: 'sgd' }>);
  const before = dispatchCount();
  for (let s = 0; s < 6; s++) {
    const grads = new Map(
      params.map((p) => [p.name, tf.tensor(rand(p.variable.size), p.variable.shape)] as const),
    );
    tf.tidy(() => opt.apply(params, grads, cfg.lr * (1 - s / 10)));
    tf.dispose([...grads.values()]);
  }
  const values: number[] = [];
  for (const p of params) values.push(...(await p.variable.data()));
  const used = dispatchCount() - before;
  opt.dispose();
  tf.dispose(params.map((p) => p.variable));
  return { values, dispatches: used };
}

const CONFIGS: [string, OptimizerConfig][] = [
  ['sgd', { kind: 'sgd', lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0.01 }],
  ['sgd + momentum', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0.01 }],
  ['sgd + nesterov', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 }],
  ['adamw', { kind: 'adamw', lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }],
];
const out: Record<
  string,
  { maxRelDiff: number; fusedDispatches: number; genericDispatches: number }
> = {};
for (const [name, cfg] of CONFIGS) {
  const fused = await trajectory(cfg);
  tf.unregisterKernel(ADAMW_KERNEL, 'webgpu');
  tf.unregisterKernel(SGD_KERNEL, 'webgpu');
  const generic = await trajectory(cfg);
  registerWebGpuFusedUpdates();
  const maxRelDiff = Math.max(
    ...fused.values.map(
      (v, i) => Math.abs(v - (generic.values[i] as number)) / Math.max(1, Math.abs(v)),
    ),
  );
  out[name] = {
    maxRelDiff,
    fusedDispatches: fused.dispatches,
    genericDispatches: generic.dispatches,
  };
}
console.log(JSON.stringify(out));
process.exit(0);
