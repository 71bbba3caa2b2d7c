/**
 * The WebGPU multi-tensor LAMB and LARS (src/core/gpu-kernels/multi-trust-webgpu.ts) against the
 * per-tensor versions (optim/lamb.ts, lars.ts: the generic ops) on Dawn over SwiftShader. Run by
 * tests/unit/core/multi-trust-webgpu.test.ts in a child process. Prints one JSON line: per
 * config, the largest relative difference of the final weights, the dispatches of the last
 * step, the state bytes of both, and whether clones of the variables kept their old weights
 * (`shared`: the writes went to copies); plus numTensors and GPU buffers in use at steps 10
 * and 200 of LAMB.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dispatchCount, useDawnWebGpu } from './dawn-setup';
import { createOptimizer } from '../../src/core/optim/create';
import { Lamb } from '../../src/core/optim/lamb';
import { Lars } from '../../src/core/optim/lars';
import type { Optimizer, TrainedParam } from '../../src/core/optim/optimizer';
import { Rng } from '../../src/core/rng';
import type { OptimizerConfig } from '../../src/spec/optimizer-config';

await useDawnWebGpu(process.argv[2] as string);

const SHAPES = [
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

/** 13 parameters, 6 steps, every other one without weight decay; `shared`: clones held during each update. */
async function trajectory(opt: Optimizer, shared: boolean) {
  const rng = new Rng(9);
  const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
  const params: TrainedParam[] = SHAPES.map((s, i) => ({
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
    const copies = shared ? params.map((p) => tf.add(p.variable, 0)) : [];
    const clones = shared ? params.map((p) => tf.clone(p.variable)) : [];
    const before = dispatchCount();
    tf.tidy(() => opt.apply(params, grads, 0.05 * (1 - s / 10)));
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
  ['lamb', { kind: 'lamb', lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0.01 }],
  [
    'lars',
    { kind: 'lars', lr: 0.1, momentum: 0.9, trustCoeff: 1e-3, eps: 1e-8, weightDecay: 1e-4 },
  ],
  [
    'lars, no momentum',
    { kind: 'lars', lr: 0.1, momentum: 0, trustCoeff: 1e-3, eps: 1e-8, weightDecay: 1e-4 },
  ],
];
const perTensor = (c: OptimizerConfig): Optimizer =>
  c.kind === 'lamb' ? new Lamb(c) : new Lars(c as Extract<OptimizerConfig, { kind: 'lars' }>);
const relDiff = (a: number[], b: number[]): number =>
  Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number)) / Math.max(1, Math.abs(v))));

const out: Record<string, unknown> = {};
for (const [name, cfg] of CONFIGS) {
  for (const shared of [false, true]) {
    const multi = await trajectory(createOptimizer(cfg), shared);
    const ref = await trajectory(perTensor(cfg), false);
    out[`${name}${shared ? ' (shared)' : ''}`] = {
      maxRelDiff: relDiff(multi.values, ref.values),
      dispatches: multi.lastStep,
      perTensorDispatches: ref.lastStep,
      bytes: multi.bytes,
      perTensorBytes: ref.bytes,
      kind: createOptimizer(cfg).constructor.name,
      aliasIntact: multi.aliasIntact,
    };
  }
}
{
  const opt = createOptimizer(CONFIGS[0]![1]);
  const params: TrainedParam[] = [
    { name: 'w', variable: tf.tidy(() => tf.variable(tf.ones([32, 32]))), weightDecay: 0.01 },
    { name: 'b', variable: tf.tidy(() => tf.variable(tf.zeros([32]))), weightDecay: 0 },
  ];
  const g = new Map([
    ['w', tf.ones([32, 32])],
    ['b', tf.ones([32])],
  ]);
  const buffers = (): number =>
    (
      tf.backend() as unknown as { bufferManager: { getNumUsedBuffers(): number } }
    ).bufferManager.getNumUsedBuffers();
  const counts: number[] = [];
  const used: number[] = [];
  for (let s = 1; s <= 200; s++) {
    tf.tidy(() => opt.apply(params, g, 1e-3));
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
