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

/**
 * 13 parameters of assorted shapes (more than one program), 6 steps; `join`: the last parameter
 * joins at step 2; `shared`: during each update every variable shares its buffer with a clone
 * (the update may not write it in place: the tfjs-program path then), and `aliasIntact` says
 * whether the clones kept the old weights.
 */
async function trajectory(
  opt: Optimizer,
  join: boolean,
  shared = false,
): Promise<{ values: number[]; lastStep: number; bytes: number; aliasIntact: boolean }> {
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
    variable: tf.tidy(() => tf.variable(tf.tensor(rand(tf.util.sizeFromShape(s)), s))),
    weightDecay: i % 2 ? 0 : 0.05,
    ...(i === 2 ? { lrScale: 0.5 } : {}),
  }));
  let lastStep = 0;
  let aliasIntact = true;
  for (let s = 0; s < 6; s++) {
    const grads = new Map(
      params.map((p) => [p.name, tf.tensor(rand(p.variable.size), p.variable.shape)] as const),
    );
    const given = new Map([...grads].filter(([n]) => !(join && n === 'p12' && s < 2)));
    // Copies in buffers of their own, and clones sharing the variables' buffers.
    const copies = shared ? params.map((p) => tf.add(p.variable, 0)) : [];
    const clones = shared ? params.map((p) => tf.clone(p.variable)) : [];
    const before = dispatchCount();
    tf.tidy(() => opt.apply(params, given, 0.05 * (1 - s / 10)));
    lastStep = dispatchCount() - before;
    for (let i = 0; i < clones.length; i++) {
      const [a, b] = [await clones[i]!.data(), await copies[i]!.data()];
      aliasIntact &&= a.every((v, j) => v === b[j]);
    }
    tf.dispose([...grads.values(), ...copies, ...clones]);
  }
  const values: number[] = [];
  for (const p of params) values.push(...(await p.variable.data()));
  const bytes = opt.stateBytes();
  opt.dispose();
  tf.dispose(params.map((p) => p.variable));
  return { values, lastStep, bytes, aliasIntact };
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
): Promise<{ values: number[]; lastStep: number; bytes: number; aliasIntact: boolean }> {
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
const cases = CONFIGS.flatMap(([name, cfg]) => [
  { name, cfg, join: false, shared: false },
  { name: `${name} (join)`, cfg, join: true, shared: false },
  { name: `${name} (shared)`, cfg, join: false, shared: true },
]);
for (const { name, cfg, join, shared } of cases) {
  const multi = await trajectory(createOptimizer(cfg), join, shared);
  const ref = await generic(cfg, join);
  out[name] = {
    maxRelDiff: relDiff(multi.values, ref.values),
    dispatches: multi.lastStep,
    genericDispatches: ref.lastStep,
    bytes: multi.bytes,
    genericBytes: ref.bytes,
    kind: createOptimizer(cfg).constructor.name,
    aliasIntact: multi.aliasIntact,
  };
}
// Leaks: numTensors and GPU buffers in use at step 10 and step 200 of AdamW (in place), a parameter joining at step 5.
{
  const opt = createOptimizer(CONFIGS[3]![1]);
  const params: TrainedParam[] = [
    { name: 'w', variable: tf.tidy(() => tf.variable(tf.zeros([32, 32]))), weightDecay: 0.01 },
    { name: 'b', variable: tf.tidy(() => tf.variable(tf.zeros([32]))), weightDecay: 0 },
  ];
  const buffers = (): number =>
    (
      tf.backend() as unknown as { bufferManager: { getNumUsedBuffers(): number } }
    ).bufferManager.getNumUsedBuffers();
  const g = new Map([
    ['w', tf.ones([32, 32])],
    ['b', tf.ones([32])],
  ]);
  const counts: number[] = [];
  const used: number[] = [];
  for (let s = 1; s <= 200; s++) {
    tf.tidy(() => opt.apply(params, s < 5 ? new Map([['w', g.get('w') as tf.Tensor]]) : g, 1e-3));
    if (s === 10 || s === 200) {
      await params[0]!.variable.data();
      counts.push(tf.memory().numTensors);
      used.push(buffers());
    }
  }
  out.leak = counts;
  out.buffers = used;
}
console.log(JSON.stringify(out));
process.exit(0);
