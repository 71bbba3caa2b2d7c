import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { createOptimizer } from '../../../src/core/optim/create';
import { defaultModelConfig, FAMILIES } from '../../../src/spec/model-config';
import { trainedParams } from '../../../src/core/optim/param-groups';
import { Rng } from '../../../src/core/rng';
import { DEFAULT_NORMALIZE, makeBatch } from '../../../src/core/train/batch';
import { NonFiniteError } from '../../../src/core/train/errors';
import type { RunEvent } from '../../../src/core/train/events';
import { runTraining, type RunConfig } from '../../../src/core/train/run';
import { assertFinite, trainStep } from '../../../src/core/train/step';
import { tintedSet, tintedSplits } from '../../helpers/synthetic';
import { defaultOptimizer } from '../../../src/spec/optimizer-config';

const tiny = {
  vit: { dim: 8, depth: 1, heads: 2, mlpRatio: 2, imageSize: 14, numClasses: 3 },
  convnext: { dims: [4, 8], depths: [1, 1], imageSize: 8, numClasses: 3 },
  resnet: { widths: [4, 8], blocks: [1, 1], imageSize: 8, numClasses: 3 },
} as const;

describe.each(FAMILIES)('train step (%s)', (family) => {
  const def = buildModel(defaultModelConfig(family, tiny[family]));
  const size = def.inputShape[0];

  it('leaks no tensor: numTensors is equal at step 10 and step 200', async () => {
    const model = ModelInstance.init(def, new Rng(1));
    const cfg = defaultOptimizer('adamw');
    const opt = createOptimizer(cfg);
    const params = trainedParams(model, new Set(), cfg);
    const set = tintedSet(8, size, 3, 1);
    const { x, y } = makeBatch(set, [0, 1, 2, 3], DEFAULT_NORMALIZE);
    let at10 = -1;
    for (let s = 1; s <= 200; s++) {
      await trainStep(model, opt, params, x, y, 1e-3, { step: s });
      if (s === 10) at10 = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(at10);
    opt.dispose();
    model.dispose();
    tf.dispose([x, y]);
  });
});

describe('divergence', () => {
  it('a NaN gradient stops with an error naming the parameter, and leaves the weights finite', async () => {
    const def = buildModel(defaultModelConfig('vit', tiny.vit));
    const model = ModelInstance.init(def, new Rng(1));
    const before = await model.readAll();
    // Poison one weight: its gradient (and the loss) become NaN.
    const poisoned = new Float32Array(before.get('blocks.0.mlp.fc2.weight') as Float32Array);
    poisoned[0] = Number.POSITIVE_INFINITY;
    model.assign(new Map([['blocks.0.mlp.fc2.weight', poisoned]]));
    const cfg = defaultOptimizer('sgd');
    const opt = createOptimizer(cfg);
    const { x, y } = makeBatch(tintedSet(4, 14, 3, 1), [0, 1, 2, 3], DEFAULT_NORMALIZE);
    const err = await trainStep(model, opt, trainedParams(model, new Set(), cfg), x, y, 0.1, {
      step: 7,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonFiniteError);
    expect((err as Error).message).toMatch(/step 7/);
    const after = await model.readAll();
    expect(Array.from(after.get('head.weight') as Float32Array)).toEqual(
      Array.from(before.get('head.weight') as Float32Array),
    );
    tf.dispose([x, y]);
    opt.dispose();
    model.dispose();
  });

  it('names the parameter whose gradient is not finite when the loss is finite', () => {
    expect(() =>
      assertFinite(0.7, ['a.weight', 'b.bias'], [1, Number.POSITIVE_INFINITY], 3),
    ).toThrow(/gradient of b\.bias became Infinity at step 3/);
    expect(() => assertFinite(0.7, ['a.weight'], [NaN], 3)).toThrow(NonFiniteError);
    expect(() => assertFinite(0.7, ['a.weight'], [2], 3)).not.toThrow();
  });

  it('a bad optimizer config is an error event, not an exception', async () => {
    const r = await runOnce({
      ...baseRun,
      optimizer: { kind: 'sgd', lr: 0.1, momentum: 0, nesterov: true, weightDecay: 0 },
    });
    expect(r.result.type).toBe('error');
    expect(r.result.type === 'error' && r.result.error.message).toMatch(
      /Nesterov momentum requires momentum > 0/,
    );
  });

  it('a diverging learning rate ends the run with an error event, not a crash', async () => {
    const def = buildModel(defaultModelConfig('vit', tiny.vit));
    const model = ModelInstance.init(def, new Rng(1));
    const events: RunEvent[] = [];
    const r = await runTraining(
      model,
      tintedSplits(14, 3, 4),
      { ...baseRun, optimizer: { ...defaultOptimizer('sgd'), lr: 1e30 }, epochs: 3 },
      { onEvent: (e) => events.push(e) },
    );
    expect(r.type).toBe('error');
    if (r.type === 'error') {
      expect(r.error.name).toBe('NonFiniteError');
      expect(r.error.message).toMatch(/became (NaN|Infinity|-Infinity) at step \d+/);
      expect(r.error.where).toBeTruthy();
    }
    expect(events.at(-1)?.type).toBe('error');
    model.dispose();
  });
});

const baseRun: RunConfig = {
  optimizer: defaultOptimizer('sgd-momentum', 0.05),
  schedule: { kind: 'cosine' },
  freeze: [],
  epochs: 2,
  batchSize: 8,
  seed: 11,
  evalEvery: 0,
};

async function runOnce(
  cfg: RunConfig,
  family: 'vit' | 'resnet' = 'vit',
  hooks: Partial<Parameters<typeof runTraining>[3]> = {},
) {
  const def = buildModel(defaultModelConfig(family, tiny[family]));
  const model = ModelInstance.init(def, new Rng(42));
  const events: RunEvent[] = [];
  const result = await runTraining(model, tintedSplits(def.inputShape[0], 3, 9), cfg, {
    onEvent: (e) => events.push(e),
    ...hooks,
  });
  const weights = await model.readAll();
  model.dispose();
  return { events, result, weights };
}

describe('run loop', () => {
  it('emits steps with grad norms, evaluations with drift, and done; the same seed gives the same run', async () => {
    const a = await runOnce(baseRun);
    const b = await runOnce(baseRun);
    const steps = a.events.filter((e) => e.type === 'step');
    const evals = a.events.filter((e) => e.type === 'eval');
    expect(steps).toHaveLength(8); // 32 images / batch 8 x 2 epochs
    expect(evals).toHaveLength(3); // at start + each epoch
    expect(a.result.type).toBe('done');
    const s0 = steps[0];
    if (s0?.type === 'step') {
      expect(s0.gradNorms.perGroup.embed).toBeGreaterThan(0);
      expect(Object.keys(s0.gradNorms.perLayer)).toContain('blocks.0');
      expect(s0.lr).toBeCloseTo(0.05);
    }
    const e0 = evals[0];
    if (e0?.type === 'eval') {
      expect(e0.drift.patch_embed).toBe(0);
      expect(e0.id.perGroup).toHaveLength(2);
      expect(e0.ood.worstGroup).toBeDefined();
    }
    const eLast = evals.at(-1);
    if (eLast?.type === 'eval') expect(eLast.drift.patch_embed).toBeGreaterThan(0);
    const losses = (r: typeof a) => r.events.flatMap((e) => (e.type === 'step' ? [e.loss] : []));
    expect(losses(b)).toEqual(losses(a));
    expect(Array.from(b.weights.get('head.weight') as Float32Array)).toEqual(
      Array.from(a.weights.get('head.weight') as Float32Array),
    );
    const c = await runOnce({ ...baseRun, seed: 12 });
    expect(losses(c)).not.toEqual(losses(a));
  });

  it('learns the tinted classes (accuracy rises)', async () => {
    const r = await runOnce(
      { ...baseRun, optimizer: defaultOptimizer('adamw', 1e-2), epochs: 10 },
      'resnet',
    );
    const evals = r.events.flatMap((e) => (e.type === 'eval' ? [e] : []));
    expect(evals.at(-1)?.id.accuracy ?? 0).toBeGreaterThan(0.9);
    expect(r.result.type === 'done' && r.result.best?.id.accuracy).toBeGreaterThan(0.9);
  });

  it('freeze-embed: the embedding does not move and has no gradient norm', async () => {
    const r = await runOnce({ ...baseRun, freeze: ['embed'] }, 'resnet');
    const step = r.events.find((e) => e.type === 'step');
    expect(step?.type === 'step' && step.gradNorms.perGroup.embed).toBeNull();
    const last = r.events.filter((e) => e.type === 'eval').at(-1);
    if (last?.type === 'eval') {
      expect(last.drift.stem).toBe(0);
      expect(last.drift['layer1.0']).toBe(0);
      expect(last.drift['layer2.0']).toBeGreaterThan(0);
    }
  });

  it('resumes at a later step with the same batches and schedule', async () => {
    const full = await runOnce(baseRun);
    const resumed = await runOnce({ ...baseRun, startStep: 5, evalAtStart: false });
    const steps = (r: typeof full) =>
      r.events.flatMap((e) => (e.type === 'step' ? [{ step: e.step, lr: e.lr }] : []));
    expect(steps(resumed)).toEqual(steps(full).slice(5));
  });

  it('stops on abort, and waits while paused', async () => {
    const ctrl = new AbortController();
    let n = 0;
    const r = await runOnce(baseRun, 'vit', {
      signal: ctrl.signal,
      onEvent: (e) => {
        if (e.type === 'step' && ++n === 3) ctrl.abort();
      },
    });
    expect(r.result.type === 'done' && r.result.status).toBe('stopped');
    expect(r.result.type === 'done' && r.result.steps).toBe(3);

    const seen: number[] = [];
    const p = await runOnce({ ...baseRun, maxSteps: 2 }, 'vit', {
      beforeStep: async (s) => {
        seen.push(s);
        await new Promise((res) => setTimeout(res, 1));
      },
    });
    expect(seen).toEqual([0, 1]);
    expect(p.result.type === 'done' && p.result.steps).toBe(2);
  });
});
