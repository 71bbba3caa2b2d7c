/**
 * LAMB and LARS (core/optim/lamb.ts, lars.ts): no tensor leaks over 200 steps, state only for
 * trained parameters, and the trust ratio's exclusions (a no-decay parameter steps as plain
 * Adam / momentum SGD). Their 20-step parity with the twin: tests/parity/trajectory.test.ts.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { createOptimizer } from '../../../src/core/optim/create';
import { trainedParams } from '../../../src/core/optim/param-groups';
import { Rng } from '../../../src/core/rng';
import { defaultOptimizer } from '../../../src/spec/optimizer-config';
import { DEFAULT_NORMALIZE, makeBatch } from '../../../src/core/train/batch';
import { trainStep } from '../../../src/core/train/step';
import { tintedSet } from '../../helpers/synthetic';
import { TINY_VIT } from '../../helpers/tiny-vit';

const def = buildModel(TINY_VIT);

describe.each(['lamb', 'lars'] as const)('%s', (kind) => {
  it('leaks no tensor: numTensors is equal at step 10 and step 200', async () => {
    const model = ModelInstance.init(def, new Rng(1));
    const cfg = defaultOptimizer(kind);
    const opt = createOptimizer(cfg);
    const params = trainedParams(model, new Set(), cfg);
    const { x, y } = makeBatch(tintedSet(8, 14, 3, 1), [0, 1, 2, 3], DEFAULT_NORMALIZE);
    let at10 = -1;
    for (let s = 1; s <= 200; s++) {
      await trainStep(model, opt, params, x, y, 1e-3, { step: s });
      if (s === 10) at10 = tf.memory().numTensors;
    }
    expect(at10).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(at10);
    opt.dispose();
    model.dispose();
    tf.dispose([x, y]);
  });

  it('keeps state only for trained parameters (none for a frozen embed)', async () => {
    const model = ModelInstance.init(def, new Rng(1));
    const cfg = defaultOptimizer(kind);
    const opt = createOptimizer(cfg);
    const params = trainedParams(model, new Set(['embed']), cfg);
    const { x, y } = makeBatch(tintedSet(4, 14, 3, 1), [0, 1, 2, 3], DEFAULT_NORMALIZE);
    await trainStep(model, opt, params, x, y, 1e-3, { step: 0 });
    expect(new Set(opt.stateNames())).toEqual(new Set(params.map((p) => p.name)));
    expect(params.some((p) => model.group(p.name) === 'embed')).toBe(false);
    opt.dispose();
    model.dispose();
    tf.dispose([x, y]);
  });
});

describe('trust ratio', () => {
  const param = (
    values: number[],
    weightDecay: number,
  ): { name: string; variable: tf.Variable; weightDecay: number } => ({
    name: 'w',
    variable: tf.variable(tf.tensor1d(values), true),
    weightDecay,
  });

  it('LARS scales the step by eta ||w|| / (||g|| + wd ||w|| + eps); no decay means plain SGD', async () => {
    const opt = createOptimizer({
      kind: 'lars',
      lr: 1,
      momentum: 0,
      trustCoeff: 0.1,
      eps: 0,
      weightDecay: 0.5,
    });
    const decayed = param([3, 4], 0.5); // ||w|| = 5
    const plain = param([3, 4], 0);
    const grads = new Map([['w', tf.tensor1d([0, 2])]]); // ||g|| = 2
    opt.apply([decayed], grads, 1);
    opt.apply([plain], grads, 1);
    // r = 0.1 * 5 / (2 + 2.5) = 1/9; step = r * (g + 0.5 w) = (1.5, 4) / 9
    const got = Array.from(await decayed.variable.data());
    expect(got[0]).toBeCloseTo(3 - 1.5 / 9, 5);
    expect(got[1]).toBeCloseTo(4 - 4 / 9, 5);
    expect(Array.from(await plain.variable.data())).toEqual([3, 2]);
    opt.dispose();
    tf.dispose([decayed.variable, plain.variable, ...grads.values()]);
  });

  it('LAMB scales the step to ||w|| (first step: the Adam update is sign(g) + wd w)', async () => {
    const opt = createOptimizer({
      kind: 'lamb',
      lr: 1,
      beta1: 0.9,
      beta2: 0.999,
      eps: 0,
      weightDecay: 0.5,
    });
    const w = param([3, 4], 0.5);
    const grads = new Map([['w', tf.tensor1d([1, -1])]]);
    opt.apply([w], grads, 0.1);
    // u = (1, -1) + 0.5 (3, 4) = (2.5, 1); r = 5 / ||u||; p <- p - 0.1 r u
    const r = 5 / Math.hypot(2.5, 1);
    const got = Array.from(await w.variable.data());
    expect(got[0]).toBeCloseTo(3 - 0.1 * r * 2.5, 5);
    expect(got[1]).toBeCloseTo(4 - 0.1 * r * 1, 5);
    opt.dispose();
    tf.dispose([w.variable, ...grads.values()]);
  });
});

describe('bad settings', () => {
  it('are refused with the setting named', () => {
    expect(() =>
      createOptimizer({
        kind: 'lars',
        lr: 1,
        momentum: 0.9,
        trustCoeff: 0,
        eps: 1e-8,
        weightDecay: 0,
      }),
    ).toThrow(/LARS trust coefficient must be > 0, got 0/);
    expect(() =>
      createOptimizer({ kind: 'lamb', lr: 1, beta1: 1, beta2: 0.999, eps: 1e-6, weightDecay: 0 }),
    ).toThrow(/LAMB betas must lie in \[0, 1\), got 1, 0.999/);
    expect(() =>
      createOptimizer(
        JSON.parse('{"kind":"adam","lr":1}') as Parameters<typeof createOptimizer>[0],
      ),
    ).toThrow(/unknown optimizer kind "adam"/);
  });
});
