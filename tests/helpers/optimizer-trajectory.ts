/**
 * The optimizer trajectories that the fused-update and multi-tensor tests compare, fused or
 * multi-tensor kernels against per-tensor or generic ops, on whatever backend is active: the
 * same seeds and shapes each time, so two runs differ only by the kernels that served them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { createOptimizer } from '../../src/core/optim/create';
import type { Optimizer, TrainedParam } from '../../src/core/optim/optimizer';
import { Rng } from '../../src/core/rng';
import type { OptimizerConfig } from '../../src/spec/optimizer-config';

/** Which parameters get a gradient at a step (a late joiner, one sitting a step out). */
export type Has = (name: string, step: number) => boolean;

/**
 * `steps` steps of `opt` on w [3, 4] (decay 0.05, lr scale 0.5), b [4] (no decay) and, when
 * `eDecay` is given, e [2, 3] (that decay), random gradients (the ones `has` gives) at rate
 * lrAt(step); the final weights, flat in that order. Disposes the parameters, not `opt`.
 */
async function stepped(
  opt: Optimizer,
  steps: number,
  lrAt: (step: number) => number,
  eDecay?: number,
  has: Has = () => true,
): Promise<number[]> {
  const rng = new Rng(9);
  const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
  const params: TrainedParam[] = [
    {
      name: 'w',
      variable: tf.variable(tf.tensor2d(rand(12), [3, 4])),
      weightDecay: 0.05,
      lrScale: 0.5,
    },
    { name: 'b', variable: tf.variable(tf.tensor1d(rand(4))), weightDecay: 0 },
  ];
  if (eDecay !== undefined)
    params.push({
      name: 'e',
      variable: tf.variable(tf.tensor2d(rand(6), [2, 3])),
      weightDecay: eDecay,
    });
  for (let s = 0; s < steps; s++) {
    const grads = new Map(
      params.map((p) => [p.name, tf.tensor(rand(p.variable.size), p.variable.shape)] as const),
    );
    const given = new Map([...grads].filter(([n]) => has(n, s)));
    tf.tidy(() => opt.apply(params, given, lrAt(s)));
    tf.dispose([...grads.values()]);
  }
  const values: number[] = [];
  for (const p of params) values.push(...(await p.variable.data()));
  tf.dispose(params.map((p) => p.variable));
  return values;
}

/**
 * 6 steps of `cfg` on two parameters, w [3, 4] (with decay and an lr scale) and b [4], random
 * gradients and a decaying rate; the final weights, w then b, flat.
 */
export async function optimizerTrajectory(cfg: OptimizerConfig): Promise<number[]> {
  const opt = createOptimizer(cfg);
  const out = await stepped(opt, 6, (s) => cfg.lr * (1 - s / 10));
  opt.dispose();
  return out;
}

/**
 * 8 steps of `opt` on w, b and e [2, 3] (decay `eDecay`), a decaying rate, `has` giving the
 * gradients: the final weights, flat, and the optimizer's state names (sorted) and bytes.
 */
export async function multiTrajectory(
  opt: Optimizer,
  eDecay: number,
  has?: Has,
): Promise<{ values: number[]; names: string[]; bytes: number }> {
  const values = await stepped(opt, 8, (s) => 0.05 * (1 - s / 10), eDecay, has);
  const out = { values, names: opt.stateNames().sort(), bytes: opt.stateBytes() };
  opt.dispose();
  return out;
}

/** Expects a and b equal in length and element by element within rel * max(1, |a_i|). */
export const close = (a: number[], b: number[], rel: number): void => {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) =>
    expect(Math.abs(v - (b[i] as number)), `element ${i}`).toBeLessThanOrEqual(
      rel * Math.max(1, Math.abs(v)),
    ),
  );
};

/**
 * 200 steps of `opt` (lr 1e-3) on w [n, n] (all ones or zeros, `w0`; decay 0.01) and b [n]
 * (zeros, no decay), gradients all ones, b's given from step `bJoins` on (1: every step):
 * numTensors at step `at` and after the last step. Disposes the parameters and gradients, not `opt`.
 */
export function leakCounts(
  opt: Optimizer,
  n: number,
  w0: 'ones' | 'zeros',
  bJoins: number,
  at: number,
): [number, number] {
  const params: TrainedParam[] = [
    { name: 'w', variable: tf.variable(tf[w0]([n, n])), weightDecay: 0.01 },
    { name: 'b', variable: tf.variable(tf.zeros([n])), weightDecay: 0 },
  ];
  const g = new Map([
    ['w', tf.ones([n, n])],
    ['b', tf.ones([n])],
  ]);
  let atStep = -1;
  for (let s = 1; s <= 200; s++) {
    const given = s < bJoins ? new Map([['w', g.get('w') as tf.Tensor]]) : g;
    tf.tidy(() => opt.apply(params, given, 1e-3));
    if (s === at) atStep = tf.memory().numTensors;
  }
  const end = tf.memory().numTensors;
  tf.dispose([...params.map((p) => p.variable), ...g.values()]);
  return [atStep, end];
}

/** e joins at step 3 and b sits step 5 out (the generic path that step): gradual unfreezing. */
export const joinAndSkip: Has = (name, s) => !(name === 'e' && s < 3) && !(name === 'b' && s === 5);

/** Expects two multiTrajectory runs to agree: weights within 2e-6, the same state names and bytes. */
export function expectSameRun(
  a: { values: number[]; names: string[]; bytes: number },
  b: { values: number[]; names: string[]; bytes: number },
): void {
  close(a.values, b.values, 2e-6);
  expect(a.names).toEqual(b.names);
  expect(a.bytes).toBe(b.bytes);
}
