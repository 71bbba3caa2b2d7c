import { describe, expect, it } from 'vitest';
import { accountMemory } from '../../../src/spec/memory-account';
import { defaultOptimizer } from '../../../src/spec/optimizer-config';
import { buildModel } from '../../../src/core/models/build-model';
import { defaultModelConfig, FAMILIES } from '../../../src/spec/model-config';
import * as tf from '@tensorflow/tfjs-core';
import { ModelInstance } from '../../../src/core/models/instance';
import { createOptimizer } from '../../../src/core/optim/create';
import { trainedParams } from '../../../src/core/optim/param-groups';
import { Rng } from '../../../src/core/rng';
import { DEFAULT_NORMALIZE, makeBatch } from '../../../src/core/train/batch';
import { trainStep } from '../../../src/core/train/step';
import { tintedSet } from '../../helpers/synthetic';
import { TINY_VIT } from '../../helpers/tiny-vit';
import { numel } from '../../../src/spec/param-spec';

describe.each(FAMILIES)('memory accounting (%s)', (family) => {
  const def = buildModel(defaultModelConfig(family));
  const nParams = def.specs
    .filter((s) => s.kind === 'param')
    .reduce((a, s) => a + numel(s.shape), 0);

  it.each([
    ['sgd', 8],
    ['sgd-momentum', 12],
    ['adamw', 16],
    ['lamb', 16],
    ['lars', 12],
  ] as const)('%s costs %d bytes per trained parameter', (kind, bytes) => {
    const m = accountMemory(def, defaultOptimizer(kind), new Set());
    expect(m.total.params).toBe(nParams);
    expect(m.bytesPerParam).toBe(bytes);
    expect(m.bytesPerTrainedParam).toBe(bytes);
    expect(m.total.weightBytes + m.total.gradBytes + m.total.stateBytes).toBe(bytes * nParams);
  });

  it('a frozen parameter costs 4 bytes (its weights) under any optimizer', () => {
    for (const kind of ['sgd', 'sgd-momentum', 'adamw', 'lamb', 'lars'] as const) {
      const full = accountMemory(def, defaultOptimizer(kind), new Set());
      const frozen = accountMemory(def, defaultOptimizer(kind), new Set(['embed']));
      const e = frozen.byGroup.embed;
      expect(e.params).toBeGreaterThan(0);
      expect(e.trainedParams).toBe(0);
      expect(e.weightBytes + e.gradBytes + e.stateBytes).toBe(4 * e.params);
      const saved =
        full.total.weightBytes +
        full.total.gradBytes +
        full.total.stateBytes -
        (frozen.total.weightBytes + frozen.total.gradBytes + frozen.total.stateBytes);
      const perTrained = { sgd: 8, 'sgd-momentum': 12, adamw: 16, lamb: 16, lars: 12 }[kind];
      expect(saved).toBe((perTrained - 4) * e.params);
      expect(frozen.bytesPerTrainedParam).toBe(perTrained);
    }
  });

  it('groups cover every parameter; the embed group is small', () => {
    const m = accountMemory(def, defaultOptimizer('sgd'), new Set());
    expect(m.byGroup.embed.params + m.byGroup.body.params + m.byGroup.head.params).toBe(nParams);
    expect(m.byGroup.embed.params / nParams).toBeLessThan(family === 'vit' ? 0.05 : 0.2);
  });
});

describe('default micro models', () => {
  it.each(FAMILIES)('%s has 0.05M-1M parameters', (family) => {
    const def = buildModel(defaultModelConfig(family));
    const n = def.specs.filter((s) => s.kind === 'param').reduce((a, s) => a + numel(s.shape), 0);
    expect(n).toBeGreaterThan(50_000);
    expect(n).toBeLessThan(1_000_000);
  });
});

describe('measured memory equals the accounting', () => {
  it.each([
    ['sgd', []],
    ['sgd-momentum', []],
    ['adamw', []],
    ['adamw', ['embed']],
    ['lamb', []],
    ['lamb', ['embed']],
    ['lars', []],
    ['lars', ['embed']],
  ] as const)(
    '%s freeze=%j: bytes held after a step = weights + state + buffers',
    async (kind, freeze) => {
      const def = buildModel(
        defaultModelConfig('resnet', {
          widths: [4, 8],
          blocks: [1, 1],
          imageSize: 8,
          numClasses: 3,
        }),
      );
      const set = tintedSet(4, 8, 3, 1);
      const { x, y } = makeBatch(set, [0, 1, 2, 3], DEFAULT_NORMALIZE);
      const before = tf.memory().numBytes;
      const model = ModelInstance.init(def, new Rng(1));
      const cfg = defaultOptimizer(kind);
      const opt = createOptimizer(cfg);
      const params = trainedParams(model, new Set(freeze), cfg);
      for (let s = 0; s < 3; s++) await trainStep(model, opt, params, x, y, 1e-3);
      const acc = accountMemory(def, cfg, new Set(freeze));
      expect(tf.memory().numBytes - before).toBe(
        acc.total.weightBytes + acc.total.stateBytes + acc.bufferBytes,
      );
      opt.dispose();
      model.dispose();
      expect(tf.memory().numBytes).toBe(before);
      tf.dispose([x, y]);
    },
  );
});

describe("measured peak training memory per method (the memory chart's hatched bar)", () => {
  const def = buildModel(TINY_VIT);
  it.each([
    ['sgd', [] as const],
    ['sgd-momentum', [] as const],
    ['adamw', [] as const],
    ['sgd-momentum', ['embed'] as const],
    ['adamw', ['embed'] as const],
  ] as const)(
    '%s (frozen: %j): the peak over steps equals weights + gradients + state as accounted',
    async (kind, frozen) => {
      const { runTraining } = await import('../../../src/core/train/run');
      const { tintedSplits } = await import('../../helpers/synthetic');
      const model = ModelInstance.init(def, new Rng(1));
      const cfg = defaultOptimizer(kind, 1e-3);
      const peaks: number[] = [];
      await runTraining(
        model,
        tintedSplits(14, 3, 1),
        {
          optimizer: cfg,
          schedule: { kind: 'constant' },
          freeze: [...frozen],
          epochs: 1,
          maxSteps: 3,
          batchSize: 4,
          seed: 0,
          evalEvery: 0,
        },
        {
          onEvent: (e) => {
            if (e.type === 'step' && e.trainingBytes !== undefined) peaks.push(e.trainingBytes);
          },
        },
      );
      expect(peaks.length).toBe(3);
      const acc = accountMemory(def, cfg, new Set(frozen));
      const accounted = acc.total.weightBytes + acc.total.gradBytes + acc.total.stateBytes;
      // What the step holds besides the gradients: the loss scalar (4 bytes).
      expect(Math.max(...peaks) - accounted).toBeGreaterThanOrEqual(0);
      expect(Math.max(...peaks) - accounted).toBeLessThanOrEqual(16);
      model.dispose();
    },
  );
});
