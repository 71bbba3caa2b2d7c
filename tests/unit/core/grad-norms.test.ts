import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import {
  embedToMaxMiddleRatio,
  embedToMaxMiddleRmsRatio,
  gradNormsFromSquares,
} from '../../../src/core/metrics/grad-norms';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { Rng } from '../../../src/core/rng';
import { lossAndGrads, measureGradNorms } from '../../../src/core/train/step';
import { makeBatch, DEFAULT_NORMALIZE } from '../../../src/core/train/batch';
import { tintedSet } from '../../helpers/synthetic';
import { defaultModelConfig } from '../../../src/spec/model-config';
import { numel } from '../../../src/spec/param-spec';

const def = buildModel(
  defaultModelConfig('vit', { dim: 16, depth: 2, heads: 2, imageSize: 14, numClasses: 3 }),
);

describe('gradient norms', () => {
  it('layer and group norms are sqrt of summed squares; frozen groups are null', () => {
    const names = def.specs
      .filter((s) => s.kind === 'param' && s.layer !== 'patch_embed')
      .map((s) => s.name);
    const sq = names.map((_, i) => i + 1);
    const g = gradNormsFromSquares(def, names, sq);
    expect(g.perGroup.embed).toBeNull();
    expect(g.perLayer.patch_embed).toBeNull();
    const headSq = names.reduce(
      (a, n, i) => (n.startsWith('head.') ? a + (sq[i] as number) : a),
      0,
    );
    expect(g.perGroup.head).toBeCloseTo(Math.sqrt(headSq));
    expect(g.perLayer.head).toBeCloseTo(Math.sqrt(headSq));
    expect(g.total).toBeCloseTo(Math.sqrt(sq.reduce((a, b) => a + b, 0)));
  });

  it('per-parameter norms from the one packed readback equal norms of the gradients themselves', async () => {
    const model = ModelInstance.init(def, new Rng(1));
    const set = tintedSet(8, 14, 3, 2);
    const { x, y } = makeBatch(set, [0, 1, 2, 3, 4, 5, 6, 7], DEFAULT_NORMALIZE);
    const { gradNorms } = await measureGradNorms(model, x, y);
    const lg = lossAndGrads(model, model.trainableNames(new Set()), x, y);
    for (const [n, gr] of lg.grads) {
      const direct = Math.sqrt((await tf.sum(tf.square(gr)).data())[0] as number);
      expect(gradNorms.perParam[n]).toBeCloseTo(direct, 5);
    }
    const ratio = embedToMaxMiddleRatio(def, gradNorms.perLayer);
    expect(ratio).not.toBeNull();
    expect(ratio as number).toBeGreaterThan(0);
    tf.dispose([x, y, lg.loss, ...lg.grads.values()]);
    model.dispose();
  });

  it('the RMS ratio divides each layer by the root of its parameter count, against the largest body layer', () => {
    const size = (layer: string): number =>
      def.specs
        .filter((s) => s.kind === 'param' && s.layer === layer)
        .reduce((a, s) => a + numel(s.shape), 0);
    // Equal raw norms everywhere: the raw ratio is 1, the RMS one is set by the sizes alone.
    const perLayer = Object.fromEntries(def.layers.map((l) => [l, 2]));
    expect(embedToMaxMiddleRatio(def, perLayer)).toBeCloseTo(1);
    const body = def.layers.filter((l) => def.groupOfLayer.get(l) === 'body');
    const smallest = Math.min(...body.map(size));
    expect(embedToMaxMiddleRmsRatio(def, perLayer)).toBeCloseTo(
      Math.sqrt(smallest / size('patch_embed')),
    );
    // A frozen embedding (no gradient) has no ratio.
    expect(embedToMaxMiddleRmsRatio(def, { ...perLayer, patch_embed: null })).toBeNull();
  });
});
