import { describe, expect, it } from 'vitest';
import type { StepEvent } from '../../../src/core/train/events';
import {
  gradRatio,
  layerInfoOf,
  splitHead,
  type LayerInfo,
} from '../../../src/ui/features/charts/series';

const info: LayerInfo = {
  layers: ['patch_embed', 'pos_embed', 'blocks.0', 'blocks.1', 'norm', 'head'],
  embedLayers: ['patch_embed'],
  headLayers: ['head'],
  layerParams: {
    patch_embed: 400,
    pos_embed: 100,
    'blocks.0': 900,
    'blocks.1': 900,
    norm: 4,
    head: 100,
  },
};
const step = (perLayer: Record<string, number | null>): StepEvent => ({
  type: 'step',
  step: 1,
  epoch: 0,
  totalSteps: 1,
  loss: 1,
  lr: 0.1,
  gradNorms: {
    perParam: {},
    perLayer,
    perGroup: { embed: perLayer.patch_embed ?? null, body: 1, head: perLayer.head ?? 0 },
    total: 1,
  },
  stepMs: 1,
  imagesPerSec: 1,
});

describe('gradient ratio views', () => {
  const s = step({
    patch_embed: 2,
    pos_embed: 0.5,
    'blocks.0': 1,
    'blocks.1': 0.5,
    norm: 0.1,
    head: 10,
  });

  it("the paper's statistic: first layer over the largest middle layer, the head left out", () => {
    expect(gradRatio(s, info, 'paper', 'norm')).toBeCloseTo(2 / 1);
  });

  it('the rest view: over every other layer together, head included (so a large head hides the embedding)', () => {
    const rest = Math.hypot(0.5, 1, 0.5, 0.1, 10);
    expect(gradRatio(s, info, 'rest', 'norm')).toBeCloseTo(2 / rest);
    expect(gradRatio(s, info, 'rest', 'norm')!).toBeLessThan(1);
  });

  it('per parameter (RMS): each norm over the root of its layer size', () => {
    // embed 2/sqrt(400) = 0.1; middle: blocks.0 1/30, pos 0.5/10 = 0.05, norm 0.1/2 = 0.05 -> max 0.05
    expect(gradRatio(s, info, 'paper', 'rms')).toBeCloseTo(0.1 / 0.05);
  });

  it('a frozen embedding has no ratio; unknown layer sizes give no RMS view', () => {
    expect(
      gradRatio(step({ patch_embed: null, 'blocks.0': 1, head: 1 }), info, 'paper', 'norm'),
    ).toBeNull();
    expect(gradRatio(s, { ...info, layerParams: {} }, 'paper', 'rms')).toBeNull();
  });

  it('the drift chart shows the head apart; older saved runs take the last layer as the head', () => {
    expect(splitHead(info)).toEqual({ body: info.layers.slice(0, -1), head: ['head'] });
    const old = layerInfoOf({ layers: ['conv1', 'layer1', 'fc'], embedLayers: ['conv1'] });
    expect(old.headLayers).toEqual(['fc']);
    expect(old.layerParams).toEqual({});
  });
});
