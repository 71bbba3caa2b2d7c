import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  MULTI_LAMB_KERNEL,
  MULTI_LARS_KERNEL,
  registerCpuMultiTrust,
} from '../../../src/core/cpu-kernels/multi-trust';
import { SEGMENTED_SQUARES_KERNEL } from '../../../src/core/cpu-kernels/segmented-norms';
import { runKernel } from '../../../src/core/kernel-call';
import { createOptimizer } from '../../../src/core/optim/create';
import { Lamb } from '../../../src/core/optim/lamb';
import { Lars } from '../../../src/core/optim/lars';
import { MultiLamb } from '../../../src/core/optim/multi-lamb';
import { MultiLars } from '../../../src/core/optim/multi-lars';
import type { Optimizer, TrainedParam } from '../../../src/core/optim/optimizer';
import { Rng } from '../../../src/core/rng';
import type { OptimizerConfig } from '../../../src/spec/optimizer-config';

type Lambc = Extract<OptimizerConfig, { kind: 'lamb' }>;
type Larsc = Extract<OptimizerConfig, { kind: 'lars' }>;
const LAMB: Lambc = {
  kind: 'lamb',
  lr: 1e-2,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-6,
  weightDecay: 0.01,
};
const CONFIGS: [string, OptimizerConfig][] = [
  ['lamb', LAMB],
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
  c.kind === 'lamb' ? new Lamb(c) : new Lars(c as Larsc);
const multi = (c: OptimizerConfig): Optimizer =>
  c.kind === 'lamb' ? new MultiLamb(c) : new MultiLars(c as Larsc);

/** 8 steps on w [3, 4] (decay, lr scale 0.5), b [4] and e [2, 3] (no decay); `has` as in multi-update.test.ts. */
async function trajectory(
  opt: Optimizer,
  has: (name: string, step: number) => boolean = () => true,
): Promise<{ values: number[]; names: string[]; bytes: number }> {
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
    { name: 'e', variable: tf.variable(tf.tensor2d(rand(6), [2, 3])), weightDecay: 0.02 },
  ];
  for (let s = 0; s < 8; s++) {
    const grads = new Map(
      params.map((p) => [p.name, tf.tensor(rand(p.variable.size), p.variable.shape)] as const),
    );
    tf.tidy(() =>
      opt.apply(params, new Map([...grads].filter(([n]) => has(n, s))), 0.05 * (1 - s / 10)),
    );
    tf.dispose([...grads.values()]);
  }
  const values: number[] = [];
  for (const p of params) values.push(...(await p.variable.data()));
  const out = { values, names: opt.stateNames().sort(), bytes: opt.stateBytes() };
  opt.dispose();
  tf.dispose(params.map((p) => p.variable));
  return out;
}

const close = (a: number[], b: number[], rel: number): void => {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) =>
    expect(Math.abs(v - (b[i] as number)), `element ${i}`).toBeLessThanOrEqual(
      rel * Math.max(1, Math.abs(v)),
    ),
  );
};

describe('multi-tensor LAMB and LARS (one kernel, flat state, segmented norms)', () => {
  it('createOptimizer picks them where the backend has the kernels', () => {
    expect(createOptimizer(CONFIGS[0]![1])).toBeInstanceOf(MultiLamb);
    expect(createOptimizer(CONFIGS[1]![1])).toBeInstanceOf(MultiLars);
  });

  it.each(CONFIGS)(
    '%s: matches the per-tensor update within 2e-6, same state bytes',
    async (_n, cfg) => {
      const a = await trajectory(multi(cfg));
      const b = await trajectory(perTensor(cfg));
      close(a.values, b.values, 2e-6);
      expect(a.bytes).toBe(b.bytes);
      expect(a.names).toEqual(b.names);
    },
  );

  it.each(CONFIGS)(
    '%s: a parameter joining at step 3 and one sitting step 5 out (the generic path that step)',
    async (_n, cfg) => {
      const has = (name: string, s: number): boolean =>
        !(name === 'e' && s < 3) && !(name === 'b' && s === 5);
      const a = await trajectory(multi(cfg), has);
      const b = await trajectory(perTensor(cfg), has);
      close(a.values, b.values, 2e-6);
      expect(a.names).toEqual(b.names);
      expect(a.bytes).toBe(b.bytes);
    },
  );

  it.each(CONFIGS)('%s: the generic path (no kernel) matches within 2e-6', async (_n, cfg) => {
    const a = await trajectory(multi(cfg));
    tf.unregisterKernel(MULTI_LAMB_KERNEL, 'cpu');
    tf.unregisterKernel(MULTI_LARS_KERNEL, 'cpu');
    const b = await trajectory(multi(cfg)).finally(registerCpuMultiTrust);
    close(a.values, b.values, 2e-6);
  });

  it('frozen parameters own no state: 8 bytes per trained parameter for LAMB, 4 for LARS, 0 without momentum', async () => {
    const frozenE = (name: string): boolean => name !== 'e';
    expect((await trajectory(multi(CONFIGS[0]![1]), frozenE)).bytes).toBe(8 * 16);
    expect((await trajectory(multi(CONFIGS[1]![1]), frozenE)).bytes).toBe(4 * 16);
    const plain = await trajectory(multi(CONFIGS[2]![1]), frozenE);
    expect(plain.bytes).toBe(0);
    expect(plain.names).toEqual([]);
  });

  it.each(CONFIGS)('%s: leaks no tensor over 200 steps (numTensors flat)', (_n, cfg) => {
    const opt = multi(cfg);
    const params: TrainedParam[] = [
      { name: 'w', variable: tf.variable(tf.ones([32, 32])), weightDecay: 0.01 },
      { name: 'b', variable: tf.variable(tf.zeros([32])), weightDecay: 0 },
    ];
    const g = new Map([
      ['w', tf.ones([32, 32])],
      ['b', tf.ones([32])],
    ]);
    let at10 = -1;
    for (let s = 1; s <= 200; s++) {
      tf.tidy(() => opt.apply(params, g, 1e-3));
      if (s === 10) at10 = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(at10);
    opt.dispose();
    tf.dispose([...params.map((p) => p.variable), ...g.values()]);
  });

  it('bad settings are refused with the setting named', () => {
    expect(() => new MultiLamb({ ...LAMB, beta1: 1 })).toThrow(/LAMB betas/);
    expect(() => new MultiLars({ ...(CONFIGS[1]![1] as Larsc), trustCoeff: 0 })).toThrow(
      /trust coefficient/,
    );
  });
});

describe('segmented squared norms', () => {
  it('sums each segment of a flat buffer squared, in one kernel', async () => {
    const x = tf.tensor1d([1, 2, 3, 4, 5, 6]);
    const out = runKernel(
      SEGMENTED_SQUARES_KERNEL,
      { x },
      { offsets: [0, 1, 4], sizes: [1, 3, 2] },
    );
    expect(Array.from(await out.data())).toEqual([1, 4 + 9 + 16, 25 + 36]);
    tf.dispose([x, out]);
  });
});
