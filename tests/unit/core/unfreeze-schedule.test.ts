/**
 * Gradual unfreezing's schedule (spec/unfreeze-schedule.ts): the units of each family, head
 * first, and the even intervals; then the engine (core/optim/gradual-unfreeze.ts): the trained
 * set grows step by step, a unit owns no optimizer state before it unfreezes, and no tensor
 * leaks over 200 steps. Parity with the twin: tests/parity/trajectory.test.ts (traj-*-gradual).
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { createOptimizer } from '../../../src/core/optim/create';
import { gradualParams, paramsAtStep } from '../../../src/core/optim/gradual-unfreeze';
import { trainedParams } from '../../../src/core/optim/param-groups';
import { Rng } from '../../../src/core/rng';
import { defaultModelConfig } from '../../../src/spec/model-config';
import { defaultOptimizer } from '../../../src/spec/optimizer-config';
import {
  frozenLayersAt,
  unfreezeStep,
  unfreezeUnits,
  unfrozenCount,
} from '../../../src/spec/unfreeze-schedule';
import { DEFAULT_NORMALIZE, makeBatch } from '../../../src/core/train/batch';
import { trainStep } from '../../../src/core/train/step';
import { tintedSet } from '../../helpers/synthetic';

describe('unfreeze units, head first', () => {
  it('ViT: norm + head, each block from the last, then patch and position embedding', () => {
    const def = buildModel(defaultModelConfig('vit'));
    expect(unfreezeUnits(def)).toEqual([
      ['norm', 'head'],
      ['blocks.3'],
      ['blocks.2'],
      ['blocks.1'],
      ['blocks.0'],
      ['patch_embed', 'pos_embed'],
    ]);
  });

  it('ResNet and ConvNeXt: stages, not blocks; the stem last', () => {
    expect(unfreezeUnits(buildModel(defaultModelConfig('resnet')))).toEqual([
      ['fc'],
      ['layer3.0'],
      ['layer2.0'],
      ['layer1.0'],
      ['stem'],
    ]);
    expect(unfreezeUnits(buildModel(defaultModelConfig('convnext')))).toEqual([
      ['head.norm', 'head.fc'],
      ['stages.2.downsample', 'stages.2.blocks.0', 'stages.2.blocks.1'],
      ['stages.1.downsample', 'stages.1.blocks.0'],
      ['stages.0.blocks.0'],
      ['stem'],
    ]);
  });

  it('covers every layer exactly once', () => {
    for (const family of ['vit', 'resnet', 'convnext'] as const) {
      const def = buildModel(defaultModelConfig(family));
      expect(unfreezeUnits(def).flat().sort()).toEqual([...def.layers].sort());
    }
  });
});

describe('even intervals over the run', () => {
  it('6 units over 20 steps: the head alone, one more at steps 4, 7, 10, 14, 17', () => {
    const counts = Array.from({ length: 20 }, (_, t) => unfrozenCount(6, t, 20));
    expect(counts).toEqual([1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 6]);
    expect([0, 1, 2, 3, 4, 5].map((k) => unfreezeStep(k, 6, 20))).toEqual([0, 4, 7, 10, 14, 17]);
  });

  it('unfreezeStep is where unfrozenCount passes k, for many K and T', () => {
    for (const K of [1, 2, 5, 6, 7]) {
      for (const T of [1, 3, 10, 19, 100]) {
        for (let k = 1; k < K; k++) {
          const s = unfreezeStep(k, K, T);
          expect(unfrozenCount(K, s, T)).toBeGreaterThan(k);
          if (s > 0) expect(unfrozenCount(K, s - 1, T)).toBeLessThanOrEqual(k);
        }
        if (T >= K)
          expect(unfrozenCount(K, T - 1, T), `the last of ${T} steps trains all ${K} units`).toBe(
            K,
          );
      }
    }
  });

  it('frozen layers: all but the head at step 0, none at the last step', () => {
    const def = buildModel(defaultModelConfig('vit'));
    expect(frozenLayersAt(def, 0, 60).has('head')).toBe(false);
    expect(frozenLayersAt(def, 0, 60).size).toBe(def.layers.length - 2);
    expect(frozenLayersAt(def, 59, 60).size).toBe(0);
  });
});

const def = buildModel(
  defaultModelConfig('vit', {
    dim: 8,
    depth: 2,
    heads: 2,
    mlpRatio: 2,
    imageSize: 14,
    numClasses: 3,
  }),
);

describe('gradual unfreezing in the engine', () => {
  it('a unit owns optimizer state only once it unfreezes, and its weights stay put before', async () => {
    const model = ModelInstance.init(def, new Rng(1));
    const cfg = defaultOptimizer('sgd-momentum', 0.05);
    const opt = createOptimizer(cfg);
    const all = trainedParams(model, new Set(), cfg);
    const at = gradualParams(model, all, 8); // 4 units over 8 steps: one more every 2 steps
    const { x, y } = makeBatch(tintedSet(4, 14, 3, 1), [0, 1, 2, 3], DEFAULT_NORMALIZE);
    const start = await model.readAll();
    const seen: number[] = [];
    for (let t = 0; t < 8; t++) {
      const params = at(t);
      expect(params).toEqual(paramsAtStep(model, all, t, 8));
      await trainStep(model, opt, params, x, y, 0.05, { step: t });
      seen.push(opt.stateNames().length);
      expect(new Set(opt.stateNames())).toEqual(new Set(params.map((p) => p.name)));
      // The memory as it trains: one momentum float (4 bytes) per unfrozen parameter, none for the rest.
      expect(opt.stateBytes()).toBe(params.reduce((n, p) => n + p.variable.size * 4, 0));
      if (t === 1) {
        const now = await model.readAll();
        expect(now.get('blocks.1.mlp.fc1.weight')).toEqual(start.get('blocks.1.mlp.fc1.weight'));
        expect(now.get('head.weight')).not.toEqual(start.get('head.weight'));
      }
    }
    expect(seen[0]).toBe(4); // norm + head: 2 weights, 2 biases
    expect(seen[7]).toBe(all.length);
    expect(new Set(seen).size).toBe(4);
    opt.dispose();
    model.dispose();
    tf.dispose([x, y]);
  });

  it('leaks no tensor: numTensors is equal at step 10 and step 200', async () => {
    const model = ModelInstance.init(def, new Rng(1));
    const cfg = defaultOptimizer('sgd-momentum', 1e-3);
    const opt = createOptimizer(cfg);
    const at = gradualParams(model, trainedParams(model, new Set(), cfg), 12); // every unit trains by step 9
    const { x, y } = makeBatch(tintedSet(8, 14, 3, 1), [0, 1, 2, 3], DEFAULT_NORMALIZE);
    let at10 = -1;
    for (let s = 0; s < 200; s++) {
      await trainStep(model, opt, at(s), x, y, 1e-3, { step: s });
      if (s === 9) at10 = tf.memory().numTensors;
    }
    expect(at10).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(at10);
    opt.dispose();
    model.dispose();
    tf.dispose([x, y]);
  });
});
