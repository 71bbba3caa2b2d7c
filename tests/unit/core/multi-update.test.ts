import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  MULTI_ADAMW_KERNEL,
  MULTI_SGD_KERNEL,
  registerCpuMultiUpdates,
} from '../../../src/core/cpu-kernels/multi-update';
import { AdamW } from '../../../src/core/optim/adamw';
import { createOptimizer } from '../../../src/core/optim/create';
import { MultiAdamW } from '../../../src/core/optim/multi-adamw';
import { MultiSgd } from '../../../src/core/optim/multi-sgd';
import type { Optimizer, TrainedParam } from '../../../src/core/optim/optimizer';
import {
  close,
  expectSameRun,
  type Has,
  joinAndSkip,
  leakCounts,
  multiTrajectory,
} from '../../helpers/optimizer-trajectory';
import { Sgd } from '../../../src/core/optim/sgd';
import { Rng } from '../../../src/core/rng';
import type { OptimizerConfig } from '../../../src/spec/optimizer-config';

const CONFIGS: [string, OptimizerConfig][] = [
  ['sgd', { kind: 'sgd', lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0.01 }],
  ['sgd + momentum', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0.01 }],
  ['sgd + nesterov', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 }],
  ['adamw', { kind: 'adamw', lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }],
];

const perTensor = (cfg: OptimizerConfig): Optimizer =>
  cfg.kind === 'adamw' ? new AdamW(cfg) : new Sgd(cfg as Extract<OptimizerConfig, { kind: 'sgd' }>);
const multi = (cfg: OptimizerConfig): Optimizer =>
  cfg.kind === 'adamw'
    ? new MultiAdamW(cfg)
    : new MultiSgd(cfg as Extract<OptimizerConfig, { kind: 'sgd' }>);

/** 8 steps on w [3, 4] (decay, lr scale 0.5), b [4] and e [2, 3] (decay 0): optimizer-trajectory.ts. */
const trajectory = (opt: Optimizer, has?: Has): ReturnType<typeof multiTrajectory> =>
  multiTrajectory(opt, 0, has);

function withoutMultiKernels<T>(f: () => Promise<T>): Promise<T> {
  tf.unregisterKernel(MULTI_ADAMW_KERNEL, 'cpu');
  tf.unregisterKernel(MULTI_SGD_KERNEL, 'cpu');
  return f().finally(registerCpuMultiUpdates);
}

describe('multi-tensor optimizer updates (one kernel, flat state)', () => {
  it('createOptimizer picks them where the backend has the kernels', () => {
    expect(createOptimizer(CONFIGS[3]![1])).toBeInstanceOf(MultiAdamW);
    expect(createOptimizer(CONFIGS[1]![1])).toBeInstanceOf(MultiSgd);
  });

  it.each(CONFIGS)('%s: equals the per-tensor fused kernels to the bit', async (_name, cfg) => {
    const a = await trajectory(multi(cfg));
    const b = await trajectory(perTensor(cfg));
    expect(a.values).toEqual(b.values);
    expect(a.bytes).toBe(b.bytes);
  });

  it.each(CONFIGS)('%s: the generic path (no kernel) matches within 2e-6', async (_name, cfg) => {
    const a = await trajectory(multi(cfg));
    const b = await withoutMultiKernels(() => trajectory(multi(cfg)));
    close(a.values, b.values, 2e-6);
  });

  it.each(CONFIGS)(
    '%s: a parameter joining at step 3 and one sitting step 5 out match the per-tensor update',
    async (_name, cfg) => {
      expectSameRun(
        await trajectory(multi(cfg), joinAndSkip),
        await trajectory(perTensor(cfg), joinAndSkip),
      );
    },
  );

  it('owns state only for parameters that stepped: frozen ones cost nothing (8 / 12 / 16 bytes per parameter)', async () => {
    const frozenE = (name: string): boolean => name !== 'e';
    const adamw = await trajectory(multi(CONFIGS[3]![1]), frozenE);
    expect(adamw.names).toEqual(['b', 'w']);
    expect(adamw.bytes).toBe(2 * 4 * 16); // m and v: 2 floats for each of 16 trained elements
    const momentum = await trajectory(multi(CONFIGS[1]![1]), frozenE);
    expect(momentum.bytes).toBe(4 * 16);
    const plain = await trajectory(multi(CONFIGS[0]![1]), frozenE);
    expect(plain.bytes).toBe(0);
    expect(plain.names).toEqual([]);
  });

  it('a snapshot read and loaded into a fresh optimizer continues the same trajectory', async () => {
    const cfg = CONFIGS[3]![1];
    const rng = new Rng(3);
    const w = tf.variable(
      tf.tensor2d(
        Float32Array.from({ length: 12 }, () => rng.normal()),
        [3, 4],
      ),
    );
    const params: TrainedParam[] = [{ name: 'w', variable: w, weightDecay: 0.01 }];
    const g = tf.tensor2d(
      Float32Array.from({ length: 12 }, () => rng.normal()),
      [3, 4],
    );
    const a = multi(cfg);
    for (let s = 0; s < 3; s++) tf.tidy(() => a.apply(params, new Map([['w', g]]), 1e-2));
    const state = await a.readState();
    expect(state.get('w')?.step).toBe(3);
    const b = multi(cfg);
    b.loadState(state);
    const start = await w.data();
    tf.tidy(() => a.apply(params, new Map([['w', g]]), 1e-2));
    const viaA = await w.data();
    w.assign(tf.tensor2d(start, [3, 4]));
    tf.tidy(() => b.apply(params, new Map([['w', g]]), 1e-2));
    expect(await w.data()).toEqual(viaA);
    expect(() =>
      b.loadState(new Map([['w', { tensors: [new Float32Array(12)], shape: [3, 4], step: 1 }]])),
    ).toThrow(/optimizer state of w: expected 2 tensors of 12 floats, got 12/);
    tf.dispose([w, g]);
    a.dispose();
    b.dispose();
  });

  it.each([CONFIGS[1]!, CONFIGS[3]!])(
    '%s: leaks no tensor over 200 steps, a parameter joining at step 50 (numTensors flat)',
    (_name, cfg) => {
      const opt = multi(cfg);
      const [at60, at200] = leakCounts(opt, 64, 'zeros', 50, 60);
      expect(at200).toBe(at60);
      const before = tf.memory().numTensors;
      opt.dispose();
      expect(tf.memory().numTensors).toBe(before - 1); // the one flat state buffer
    },
  );
});
