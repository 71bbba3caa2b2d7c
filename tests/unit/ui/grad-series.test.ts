/**
 * The gradient chart's lines: embedding, the largest middle layer and the new head, apart.
 * The fixture is the case the old "rest of the model" line got wrong (issue #22): the
 * embedding's gradient is larger than every middle layer's but smaller than the random head's,
 * as on the classroom ViT at step 1 (embedding 0.81, head 3.18).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StepEvent } from '../../../src/core/train/events';
import {
  embedNorm,
  gradRows,
  headNorm,
  middleLayers,
  middleNorm,
} from '../../../src/ui/features/charts/grad-series';
import { LayerGradChart } from '../../../src/ui/features/charts/layer-charts';
import { colourOf } from '../../../src/ui/features/charts/palette';
import { gradRatio, layerInfoOf } from '../../../src/ui/features/charts/series';
import { GradChart } from '../../../src/ui/features/charts/time-charts';
import type { MethodHistory } from '../../../src/ui/store/method-history';

const LAYERS = ['patch_embed', 'blocks.0', 'blocks.1', 'head'];
const info = layerInfoOf({
  layers: LAYERS,
  embedLayers: ['patch_embed'],
  headLayers: ['head'],
  layerParams: {},
});

const step = (
  n: number,
  embed: number | null,
  b0: number,
  b1: number,
  head: number,
): StepEvent => ({
  type: 'step',
  step: n,
  epoch: 0,
  totalSteps: 10,
  loss: 1,
  lr: 0.01,
  gradNorms: {
    perParam: {},
    perLayer: { patch_embed: embed, 'blocks.0': b0, 'blocks.1': b1, head },
    perGroup: { embed, body: Math.hypot(b0, b1), head },
    total: 1,
  },
  stepMs: 1,
  imagesPerSec: 1,
});

const methods: Record<string, MethodHistory> = {
  sgd: { steps: [step(1, 0.81, 0.3, 0.45, 3.18), step(2, 0.6, 0.5, 0.2, 2)], evals: [] },
  'sgd-freeze': { steps: [step(1, null, 0.3, 0.45, 3.18)], evals: [] },
};

describe('gradient chart series', () => {
  it('middle = the layers that are neither embedding nor head', () => {
    expect(middleLayers(info)).toEqual(['blocks.0', 'blocks.1']);
  });

  it('three values per method and step: embedding > middle, head largest; a frozen embedding is null', () => {
    const rows = gradRows(methods, info);
    expect(rows[0]).toEqual({
      step: 1,
      'sgd:embed': 0.81,
      'sgd:middle': 0.45,
      'sgd:head': 3.18,
      'sgd-freeze:embed': null,
      'sgd-freeze:middle': 0.45,
      'sgd-freeze:head': 3.18,
    });
    expect(rows[1]).toEqual({ step: 2, 'sgd:embed': 0.6, 'sgd:middle': 0.5, 'sgd:head': 2 });
    const s = methods.sgd!.steps[0]!;
    expect(embedNorm(s, info)! > middleNorm(s, info)!).toBe(true);
    expect(embedNorm(s, info)! < headNorm(s, info)!).toBe(true);
  });

  it('embedding / middle is exactly the ratio chart’s paper statistic', () => {
    for (const s of methods.sgd!.steps)
      expect(embedNorm(s, info)! / middleNorm(s, info)!).toBeCloseTo(
        gradRatio(s, info, 'paper', 'norm')!,
        12,
      );
  });

  it('a head of several layers: their norms together; without layer norms, the head group', () => {
    const two = layerInfoOf({
      layers: ['stem', 'stages.1', 'norm', 'fc'],
      embedLayers: ['stem'],
      headLayers: ['norm', 'fc'],
    });
    const s: StepEvent = {
      ...step(1, 1, 1, 1, 1),
      gradNorms: {
        perParam: {},
        perLayer: { stem: 1, 'stages.1': 0.5, norm: 3, fc: 4 },
        perGroup: { embed: 1, body: 0.5, head: 5 },
        total: 1,
      },
    };
    expect(headNorm(s, two)).toBe(5);
    expect(headNorm({ ...s, gradNorms: { ...s.gradNorms, perLayer: {} } }, two)).toBe(5);
    expect(middleNorm(s, two)).toBe(0.5);
  });
});

describe('gradient charts render', () => {
  const p = {
    methods,
    colourOf: (id: string) => colourOf(id === 'sgd' ? 0 : 2),
    labelOf: (id: string) => id.toUpperCase(),
  };

  it('the line chart names three parts, the head as the new random layer, and opens with what to look for', () => {
    const html = renderToStaticMarkup(createElement(GradChart, { ...p, info }));
    expect(html).toMatch(
      /<figcaption[^>]*>Gradient norm: embedding \(solid\), largest middle layer \(dashed\) and the new, randomly initialised head \(dotted\)/,
    );
    expect(html).toMatch(
      /<\/figcaption><p class="chart-look">Look for the solid embedding line above the dashed middle line/,
    );
    expect(html).not.toContain('rest of the model');
  });

  it('the per-layer bars draw the head apart and write its values', () => {
    const html = renderToStaticMarkup(createElement(LayerGradChart, { ...p, info }));
    expect(html).toContain('the new, randomly initialised head apart on its own scale');
    expect(html.match(/class="recharts-wrapper/g)).toHaveLength(2); // the pretrained layers, and the head beside them
    expect(html).toContain(
      'New, randomly initialised head (not pretrained, so its gradient is large under every method): SGD 3.18 · SGD-FREEZE 3.18',
    );
  });
});
