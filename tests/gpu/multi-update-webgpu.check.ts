/**
 * The WebGPU multi-tensor optimizer updates (src/core/gpu-kernels/multi-update-webgpu.ts)
 * against the per-tensor generic ops, on Dawn (dawn.node, fetched by `npm run gpu-kit`) over
 * SwiftShader. Run by tests/unit/core/multi-update-webgpu.test.ts in a child process. Prints one
 * JSON line: per config, the largest difference of the final weights (relative, at least 1 in
 * the denominator), the multi-tensor update's dispatches in its last step, and the state bytes;
 * plus the leak check (numTensors at step 10 and 60, a parameter joining at step 5).
 */
import * as tf from '@tensorflow/tfjs-core';
import { dispatchCount, useDawnWebGpu } from './dawn-setup';
import { ADAMW_KERNEL, SGD_KERNEL } from '../../src/core/cpu-kernels/fused-update';
import { registerWebGpuFusedUpdates } from '../../src/core/gpu-kernels/fused-update-webgpu';
import { AdamW } from '../../src/core/optim/adamw';
import { createOptimizer } from '../../src/core/optim/create';
import type { Optimizer, TrainedParam } from '../../src/core/optim/optimizer';
import { Sgd } from '../../src/core/optim/sgd';
import { Rng } from '../../src/core/rng';
import type { OptimizerConfig } from '../../src/spec/optimizer-config';

await useDawnWebGpu(process.argv[2] as string);

/** 13 parameters of assorted shapes (more than one gather program), 6 steps; `join`: the last parameter joins at step 2 (the generic path then). */
async function trajectory(
  opt: Optimizer,
  join: boolean,
): Promise<{ values: number[]; lastStep: number; bytes: number }> {
  const rng = new Rng(9);
  const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
  const shapes = [
    [30, 10],
    [10],
    [7, 3, 3],
    [1],
    [64],
    [5, 5],
    [3],
    [100],
    [2, 2, 2, 2],
    [9],
    [11, 4],
    [4],
    [6, 6],
  ];
  const params: TrainedParam[] = shapes.map((s, i) => ({
    name: `p${i}`,
    variable: tf.variable(tf.tensor(rand(tf.util.sizeFromShape(s)), s)),
    weightDecay: i % 2 ? 0 : 0.05,
    ...(i === 2 ? { lrScale: 0.5 } : {}),
  }));
  let lastStep = 0;
  for (let s = 0; s < 6; s++) {
    const grads = new Map(
      params.map((p) => [p.name, tf.tensor(rand(p.variable.size), p.variable.shape)] as const),
    );
    const given = new Map([...grads].filter(([n]) => !(join && n === 'p12' && s < 2)));
    const before = dispatchCount();
    tf.tidy(() => opt.apply(params, given, 0.05 * (1 - s / 10)));
    lastStep = dispatchCount() - before;
    tf.dispose([...grads.values()]);
  }
  const values: number[] = [];
  for (const p of params) values.push(...(await p.variable.data()));
  const bytes = opt.stateBytes();
  opt.dispose();
  tf.dispose(params.map((p) => p.variable));
  return { values, lastStep, bytes };
}

const CONFIGS: [string, OptimizerConfig][] = [
  ['sgd', { kind: 'sgd', lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0.01 }],
  ['sgd + momentum', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0.01 }],
  ['sgd + nesterov', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 }],
  ['adamw', { kind: 'adamw', lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }],
];
/** The per-tensor optimizer on the generic ops (the fused per-tensor kernels unregistered). */
async function generic(
  cfg: OptimizerConfig,
  join: boolean,
): Promise<{ values: number[]; lastStep: number; bytes: number }> {
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
const relDiff = (a: number[], b: number[]): number =>
  Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number)) / Math.max(1, Math.abs(v))));

const out: Record<string, unknown> = {};
for (const [name, cfg] of CONFIGS) {
  for (const join of [false, true]) {
    const multi = await trajectory(createOptimizer(cfg), join);
    const ref = await generic(cfg, join);
    out[`${name}${join ? ' (join)' : ''}`] = {
      maxRelDiff: relDiff(multi.values, ref.values),
      dispatches: multi.lastStep,
      genericDispatches: ref.lastStep,
      bytes: multi.bytes,
      genericBytes: ref.bytes,
      kind: createOptimizer(cfg).constructor.name,
    };
  }
}
// Leaks: numTensors at step 10 and step 60 of AdamW, a parameter joining at step 5.
{
  const opt = createOptimizer(CONFIGS[3]![1]);
  const params: TrainedParam[] = [
    { name: 'w', variable: tf.variable(tf.zeros([32, 32])), weightDecay: 0.01 },
    { name: 'b', variable: tf.variable(tf.zeros([32])), weightDecay: 0 },
  ];
  const g = new Map([
    ['w', tf.ones([32, 32])],
    ['b', tf.ones([32])],
  ]);
  const counts: number[] = [];
  for (let s = 1; s <= 60; s++) {
    tf.tidy(() => opt.apply(params, s < 5 ? new Map([['w', g.get('w') as tf.Tensor]]) : g, 1e-3));
    if (s === 10 || s === 60) counts.push(tf.memory().numTensors);
  }
  await params[0]!.variable.data();
  out.leak = counts;
}
console.log(JSON.stringify(out));
process.exit(0);
