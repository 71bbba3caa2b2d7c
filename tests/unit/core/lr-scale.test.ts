/**
 * A per-group learning-rate multiplier (the embedding-rate ablation): the embed group's step
 * is exactly scaled, the rest untouched, for SGD and AdamW alike.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { createOptimizer } from '../../../src/core/optim/create';
import { trainedParams } from '../../../src/core/optim/param-groups';
import { Rng } from '../../../src/core/rng';
import { DEFAULT_NORMALIZE, makeBatch } from '../../../src/core/train/batch';
import { trainStep } from '../../../src/core/train/step';
import { tintedSet } from '../../helpers/synthetic';
import { TINY_VIT } from '../../helpers/tiny-vit';
import { defaultOptimizer, type OptimizerConfig } from '../../../src/spec/optimizer-config';

const def = buildModel(TINY_VIT);

/** The change of every parameter after one step with the given embed multiplier. */
async function oneStep(
  cfg: OptimizerConfig,
  embedScale: number,
): Promise<Map<string, Float32Array>> {
  const model = ModelInstance.init(def, new Rng(3));
  const before = await model.readAll();
  const opt = createOptimizer(cfg);
  const params = trainedParams(model, new Set(), cfg, { embed: embedScale });
  const { x, y } = makeBatch(tintedSet(4, 14, 3, 1), [0, 1, 2, 3], DEFAULT_NORMALIZE);
  await trainStep(model, opt, params, x, y, cfg.lr, { step: 0 });
  const after = await model.readAll();
  tf.dispose([x, y]);
  opt.dispose();
  model.dispose();
  return new Map(
    [...after].map(([n, a]) => [n, a.map((v, i) => v - (before.get(n) as Float32Array)[i]!)]),
  );
}

const embedNames = new Set(
  def.specs.filter((s) => def.groupOfLayer.get(s.layer) === 'embed').map((s) => s.name),
);

describe.each([
  ['sgd', { ...defaultOptimizer('sgd', 0.1) }],
  ['adamw', { ...defaultOptimizer('adamw', 1e-2), weightDecay: 0 }],
] as const)('lrScale with %s', (_name, cfg) => {
  it('scales the embed group step and leaves the rest as it was', async () => {
    const full = await oneStep(cfg, 1);
    const half = await oneStep(cfg, 0.5);
    const none = await oneStep(cfg, 0);
    expect(embedNames.size).toBeGreaterThan(0);
    for (const [name, d] of full) {
      const h = half.get(name) as Float32Array;
      const z = none.get(name) as Float32Array;
      for (let i = 0; i < d.length; i++) {
        if (embedNames.has(name)) {
          expect(h[i]).toBeCloseTo(0.5 * d[i]!, 6);
          expect(z[i]).toBe(0);
        } else {
          expect(h[i]).toBeCloseTo(d[i]!, 6);
        }
      }
    }
  });
});
