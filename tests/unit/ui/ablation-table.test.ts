import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AblationTableView } from '../../../src/ui/features/reference/ablation-table';
import { parseAblation, type Ablation } from '../../../src/ui/reference/ablation-data';

const iv = (mean: number, half = 0.01, n = 5) => ({ mean, half, n });
const row = (ood: number, id: number, half = 0.01) => ({
  lr: 0.01,
  seeds: [200, 201, 202, 203, 204],
  source: 'twin' as const,
  ood: iv(ood, half),
  id: iv(id),
  embedDrift: iv(0.2),
});
const ABLATION: Ablation = {
  title: "The paper's ablation table at micro scale (recorded)",
  about: 'test',
  model: 'vit-adamw',
  methods: [
    { id: 'sgd', label: 'SGD', paperOod: 67.9, paperId: 90 },
    { id: 'lars', label: 'LARS', paperOod: 69.6, paperId: null },
    { id: 'lp-ft', label: 'LP-FT', paperOod: null, paperId: null },
  ],
  benchmarks: [
    {
      name: 'acquisition-preset',
      title: 'The lesson (L5)',
      rows: { sgd: row(0.828, 0.85, 0.029), lars: row(0.5, 0.55) },
    },
    {
      name: 'acquisition-s10',
      title: 'The full benchmark',
      rows: {
        sgd: row(0.837, 0.842, 0.007),
        lars: { ...row(0.6, 0.6), source: 'reference' as const, ood: iv(0.6, 0.01, 10) },
      },
      notFinished: { 'lp-ft': 'not finished: 3 of 5 seeds at lr 0.001' },
    },
  ],
  orderings: [
    {
      claim: 'LARS lowest',
      on: {
        'acquisition-preset': {
          holds: true,
          words: 'yes (-32.8 points from the next, intervals apart)',
        },
        'acquisition-s10': { holds: null, words: 'not run' },
      },
    },
  ],
};

describe('the recorded ablation table', () => {
  it('reads a well-formed file and refuses anything else', () => {
    expect(parseAblation(JSON.parse(JSON.stringify(ABLATION)))).toEqual(ABLATION);
    expect(parseAblation(null)).toBeNull();
    expect(parseAblation({ title: 'x', about: 'y' })).toBeNull();
    expect(
      parseAblation({
        ...ABLATION,
        methods: [{ id: 'sgd', label: 'SGD', paperOod: '67.9', paperId: null }],
      }),
    ).toBeNull();
    const badRow = { ...ABLATION.benchmarks[0], rows: { sgd: { ...row(0.8, 0.8), ood: 0.8 } } };
    expect(parseAblation({ ...ABLATION, benchmarks: [badRow] })).toBeNull();
    expect(
      parseAblation({
        ...ABLATION,
        benchmarks: [{ ...ABLATION.benchmarks[1], notFinished: { lars: 3 } }],
      }),
    ).toBeNull();
  });

  it('shows the paper beside each benchmark, with intervals, n and ID, the reference rows, and what did not run or finish', () => {
    const html = renderToStaticMarkup(createElement(AblationTableView, { ablation: ABLATION }));
    expect(html).toContain(
      '<tr data-method="sgd"><th scope="row">SGD</th><td>67.9 [90.0]</td><td data-bench="acquisition-preset">82.8 ± 2.9 [85.0] n = 5</td><td data-bench="acquisition-s10">83.7 ± 0.7 [84.2] n = 5</td></tr>',
    );
    expect(html).toContain(
      '<tr data-method="lars"><th scope="row">LARS</th><td>69.6</td><td data-bench="acquisition-preset">50.0 ± 1.0 [55.0] n = 5</td><td data-bench="acquisition-s10">60.0 ± 1.0 [60.0] n = 10 (recorded reference)</td></tr>',
    );
    expect(html).toContain(
      '<tr data-method="lp-ft"><th scope="row">LP-FT</th><td>—</td><td data-bench="acquisition-preset">not run</td><td data-bench="acquisition-s10">not finished: 3 of 5 seeds at lr 0.001</td></tr>',
    );
    expect(html).toContain('<td>—</td>');
    expect(html).toContain(
      'LARS lowest: acquisition-preset: reproduces (yes (-32.8 points from the next, intervals apart)). acquisition-s10: not run (not run).',
    );
  });

  it('the shipped file is one the page reads, with every declared method', () => {
    const shipped = parseAblation(
      JSON.parse(
        readFileSync(new URL('../../../public/reference/ablation.json', import.meta.url), 'utf8'),
      ),
    );
    expect(shipped).not.toBeNull();
    expect(shipped?.methods.map((m) => m.id)).toEqual([
      'sgd',
      'adamw',
      'sgd-freeze',
      'gradual-unfreeze',
      'lamb',
      'lars',
      'sgd-embed-lr0.2',
      'lp-ft',
      'lp-ft-freeze',
    ]);
  });
});
