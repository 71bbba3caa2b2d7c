import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  ADAMW_KERNEL,
  registerCpuFusedUpdates,
  SGD_KERNEL,
} from '../../../src/core/cpu-kernels/fused-update';
import {
  MULTI_ADAMW_KERNEL,
  MULTI_SGD_KERNEL,
  registerCpuMultiUpdates,
} from '../../../src/core/cpu-kernels/multi-update';
import { hasKernel as hasFused } from '../../../src/core/kernel-call';
import { createOptimizer } from '../../../src/core/optim/create';
import type { TrainedParam } from '../../../src/core/optim/optimizer';
import type { OptimizerConfig } from '../../../src/spec/optimizer-config';
import { optimizerTrajectory } from '../../helpers/optimizer-trajectory';

const CONFIGS: [string, OptimizerConfig][] = [
  ['sgd', { kind: 'sgd', lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0 }],
  ['sgd + momentum', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0 }],
  ['sgd + nesterov', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0 }],
  ['adamw', { kind: 'adamw', lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }],
];

describe('fused CPU optimizer updates against the generic ops', () => {
  it.each(CONFIGS)('%s: six steps give the same weights', async (_name, cfg) => {
    expect(hasFused(ADAMW_KERNEL) && hasFused(SGD_KERNEL)).toBe(true);
    const fused = await optimizerTrajectory(cfg);
    // createOptimizer took the multi-tensor kernel (multi-update.ts); without any fused kernel, the generic ops.
    for (const k of [ADAMW_KERNEL, SGD_KERNEL, MULTI_ADAMW_KERNEL, MULTI_SGD_KERNEL])
      tf.unregisterKernel(k, 'cpu');
    try {
      expect(hasFused(ADAMW_KERNEL)).toBe(false);
      const generic = await optimizerTrajectory(cfg);
      fused.forEach((v, i) =>
        expect(Math.abs(v - (generic[i] as number)), `element ${i}`).toBeLessThan(
          2e-6 * Math.max(1, Math.abs(v)),
        ),
      );
    } finally {
      registerCpuFusedUpdates();
      registerCpuMultiUpdates();
    }
  });

  it('leaks no tensor over 200 fused AdamW steps (numTensors flat)', async () => {
    const v = tf.variable(tf.zeros([64, 64]));
    const params: TrainedParam[] = [{ name: 'w', variable: v, weightDecay: 0.01 }];
    const opt = createOptimizer({
      kind: 'adamw',
      lr: 1e-3,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0.01,
    });
    const g = tf.ones([64, 64]);
    let at10 = -1;
    for (let s = 1; s <= 200; s++) {
      tf.tidy(() => opt.apply(params, new Map([['w', g]]), 1e-3));
      if (s === 10) at10 = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(at10);
    opt.dispose();
    tf.dispose([v, g]);
  });
});
