/**
 * What the WebGPU multi-tensor checks (multi-update-webgpu.check.ts, multi-trust-webgpu.check.ts)
 * share: the 13-parameter trajectory they compare against the per-tensor or generic ops, the
 * relative difference they report, and the 200-step leak run. Needs Dawn set up first
 * (dawn-setup.ts useDawnWebGpu, each check's first line).
 */
import * as tf from '@tensorflow/tfjs-core';
import { dispatchCount } from './dawn-setup';
import type { Optimizer, TrainedParam } from '../../src/core/optim/optimizer';
import { Rng } from '../../src/core/rng';

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

export interface Trajectory {
  values: number[];
  lastStep: number;
  bytes: number;
  aliasIntact: boolean;
}

/**
 * 13 parameters of assorted shapes (more than one program), 6 steps, every other one without
 * weight decay; `join`: the last parameter joins at step 2; `shared`: during each update every
 * variable shares its buffer with a clone (the update may not write it in place: the
 * tfjs-program path then), and `aliasIntact` says whether the clones kept the old weights.
 * Returns the final weights (flat), the last step's dispatches and the state bytes.
 */
export async function trajectory(
  opt: Optimizer,
  join: boolean,
  shared = false,
): Promise<Trajectory> {
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

/** The largest difference of a and b, relative with at least 1 in the denominator. */
export const relDiff = (a: number[], b: number[]): number =>
  Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number)) / Math.max(1, Math.abs(v))));

/**
 * 200 steps of `opt` (lr 1e-3) on w [32, 32] (starting all ones or zeros, `w0`; weight decay 0.01) and b [32]
 * (zeros, no decay), gradients all ones, b's given from step `bJoins` on (1: every step):
 * numTensors and GPU buffers in use at steps 10 and 200.
 */
export async function leakRun(
  opt: Optimizer,
  w0: 'ones' | 'zeros',
  bJoins: number,
): Promise<{ leak: number[]; buffers: number[] }> {
  const params: TrainedParam[] = [
    { name: 'w', variable: tf.tidy(() => tf.variable(tf[w0]([32, 32]))), weightDecay: 0.01 },
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
    tf.tidy(() =>
      opt.apply(params, s < bJoins ? new Map([['w', g.get('w') as tf.Tensor]]) : g, 1e-3),
    );
    if (s === 10 || s === 200) {
      await params[0]!.variable.data();
      counts.push(tf.memory().numTensors);
      used.push(buffers());
    }
  }
  return { leak: counts, buffers: used };
}

/**
 * One check case's line: the weights' largest relative difference, both runs' last-step
 * dispatches and state bytes (the reference's under `${ref}Dispatches`, `${ref}Bytes`), the
 * optimizer class `kind` and whether the clones kept their weights.
 */
export const caseSummary = (
  multi: Trajectory,
  ref: Trajectory,
  refName: 'perTensor' | 'generic',
  kind: string,
): Record<string, unknown> => ({
  maxRelDiff: relDiff(multi.values, ref.values),
  dispatches: multi.lastStep,
  [`${refName}Dispatches`]: ref.lastStep,
  bytes: multi.bytes,
  [`${refName}Bytes`]: ref.bytes,
  kind,
  aliasIntact: multi.aliasIntact,
});
