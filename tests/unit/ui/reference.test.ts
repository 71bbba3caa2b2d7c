import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LiveCharts } from '../../../src/ui/features/charts/charts-panel';
import { ResultsTableView } from '../../../src/ui/features/insight/results-table';
import {
  parseReference,
  pctInterval,
  type Reference,
} from '../../../src/ui/reference/reference-data';
import { LAYERS, twoMethods } from './charts-fixture';

const iv = (mean: number, half = 0.01) => ({ mean, half, n: 10 });
const epoch = (e: number, id: number, ood: number) => ({
  epoch: e,
  id: iv(id),
  ood: iv(ood),
  loss: iv(1 / e),
  drift: { patch_embed: iv(0.1 * e) },
  gradNorm: { patch_embed: iv(1) },
});
const REF: Reference = {
  title: 'The full experiment, recorded: 10 seeds, 3,000 images, 6 epochs',
  about: 'test',
  model: 'vit-adamw',
  benchmark: 'acquisition',
  strength: 1,
  trainImages: 3000,
  epochs: 2,
  batchSize: 64,
  methods: {
    sgd: {
      lr: 0.01,
      seeds: [200],
      best: { id: iv(0.82), ood: iv(0.75, 0.047) },
      embedDrift: iv(0.79),
      perEpoch: [epoch(1, 0.7, 0.6), epoch(2, 0.82, 0.75)],
    },
    adamw: {
      lr: 0.001,
      seeds: [200],
      best: { id: iv(0.85), ood: iv(0.846, 0.008) },
      embedDrift: iv(0.19),
      perEpoch: [epoch(1, 0.75, 0.7), epoch(2, 0.85, 0.846)],
    },
  },
};

describe('the recorded full experiment', () => {
  it('reads a well-formed file and refuses anything else', () => {
    expect(parseReference(JSON.parse(JSON.stringify(REF)))).toEqual(REF);
    expect(parseReference(null)).toBeNull();
    expect(parseReference({ title: 'x' })).toBeNull();
    expect(
      parseReference({ ...REF, methods: { sgd: { ...REF.methods.sgd, best: { id: 1, ood: 2 } } } }),
    ).toBeNull();
    expect(pctInterval(iv(0.846, 0.008))).toBe('84.6 ± 0.8');
  });

  it("reads each seed's numbers when the file keeps them, and loads without them (older recordings)", () => {
    const seed = { seed: 200, id: 0.82, ood: 0.75, embedDrift: 0.79 };
    const withSeeds = {
      ...REF,
      methods: { ...REF.methods, sgd: { ...REF.methods.sgd, perSeed: [seed] } },
    };
    expect(parseReference(JSON.parse(JSON.stringify(withSeeds)))?.methods.sgd?.perSeed).toEqual([
      seed,
    ]);
    // Without perSeed (the file before it was kept): loads, no perSeed, no problem.
    const old = parseReference(JSON.parse(JSON.stringify(REF)));
    expect(old?.methods.sgd?.perSeed).toBeUndefined();
    expect(old?.methods.sgd?.perSeedProblem).toBeUndefined();
  });

  it('a malformed perSeed is named and left out, the pooled numbers kept', () => {
    const bad = (perSeed: unknown) =>
      parseReference({ ...REF, methods: { ...REF.methods, sgd: { ...REF.methods.sgd, perSeed } } });
    const cases: [unknown, string][] = [
      ['x', 'sgd: perSeed is not a list'],
      [[null], 'sgd: perSeed[0] is not an object'],
      [[{ seed: 1.5, id: 0.8, ood: 0.7, embedDrift: 0 }], 'sgd: perSeed[0].seed is not an integer'],
      [
        [{ seed: 201, id: 0.8, ood: 0.7, embedDrift: 0 }],
        'sgd: perSeed[0]: seed 201 is not in seeds',
      ],
      [
        [{ seed: 200, id: 80, ood: 0.7, embedDrift: 0 }],
        'sgd: perSeed[0].id is not an accuracy in [0, 1]',
      ],
      [
        [{ seed: 200, id: 0.8, ood: '0.7', embedDrift: 0 }],
        'sgd: perSeed[0].ood is not an accuracy in [0, 1]',
      ],
      [
        [{ seed: 200, id: 0.8, ood: 0.7, embedDrift: -1 }],
        'sgd: perSeed[0].embedDrift is not a number ≥ 0',
      ],
      [
        [
          { seed: 200, id: 0.8, ood: 0.7, embedDrift: 0 },
          { seed: 200, id: 0.8, ood: 0.7, embedDrift: 0 },
        ],
        'sgd: perSeed[1]: seed 200 appears twice',
      ],
      [[], 'sgd: perSeed has 0 seeds, seeds lists 1'],
    ];
    for (const [perSeed, problem] of cases) {
      const r = bad(perSeed);
      expect(r?.methods.sgd?.perSeedProblem).toBe(problem);
      expect(r?.methods.sgd?.perSeed).toBeUndefined();
      expect(r?.methods.sgd?.best).toEqual(REF.methods.sgd?.best);
      expect(r?.methods.adamw).toEqual(REF.methods.adamw);
    }
  });

  it('is a labelled row of the results table (not this run)', () => {
    const html = renderToStaticMarkup(
      createElement(ResultsTableView, {
        columns: [
          {
            methodId: 'sgd',
            best: { id: 0.8, ood: 0.7, step: 92, provisional: false },
            final: null,
          },
          {
            methodId: 'adamw',
            best: { id: 0.85, ood: 0.8, step: 92, provisional: false },
            final: null,
          },
        ],
        model: 'micro vit',
        worstGroup: false,
        reference: REF,
      }),
    );
    expect(html).toMatch(
      /<tr class="reference-row" data-testid="results-reference"><th scope="row">The full experiment, recorded: 10 seeds, 3,000 images, 6 epochs \(not this run\)<\/th><td data-method="sgd">75.0 ± 4.7 \[82.0\] n = 10<\/td><td data-method="adamw">84.6 ± 0.8 \[85.0\] n = 10<\/td><\/tr>/,
    );
  });

  it('is a chart beside the live accuracy curves, per epoch', () => {
    const p = { methods: twoMethods(20), colourOf: () => '#000', labelOf: (id: string) => id };
    const html = renderToStaticMarkup(
      createElement(LiveCharts, {
        p,
        ids: Object.keys(p.methods),
        layers: LAYERS,
        worstGroup: false,
        reference: REF,
      }),
    );
    const at = html.indexOf('data-chart="reference"');
    expect(at).toBeGreaterThan(html.indexOf('data-chart="accuracy"'));
    expect(html.slice(at, at + 600)).toContain(
      'The full experiment, recorded: 10 seeds, 3,000 images, 6 epochs',
    );
    expect(
      renderToStaticMarkup(
        createElement(LiveCharts, {
          p,
          ids: Object.keys(p.methods),
          layers: LAYERS,
          worstGroup: false,
        }),
      ),
    ).not.toContain('data-chart="reference"');
  });
});
