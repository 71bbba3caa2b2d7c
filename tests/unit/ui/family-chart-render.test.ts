/**
 * What the family scatter and the ratio chart's paper marks ask recharts to draw, through a
 * stand-in recharts (recharts 3 draws nothing on the server; charts-recharts.test.ts does the
 * same): the series and their points, the live checkpoint's ring, the run's own point, the
 * legend and the correlation caption. Real drawing is checked in Chromium
 * (tests/e2e/family-checkpoint.test.ts).
 */
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FamilyChart } from '../../../src/ui/features/charts/family-chart';
import { familyPlot } from '../../../src/ui/features/charts/family-points';
import { RatioChart } from '../../../src/ui/features/charts/time-charts';
import { layerInfoOf } from '../../../src/ui/features/charts/series';
import type { FamilyRow } from '../../../src/ui/reference/family-data';
import { LAYERS, twoMethods } from './charts-fixture';

type Props = Record<string, unknown> & { children?: ReactNode };
const seen = vi.hoisted(() => [] as { name: string; props: Record<string, unknown> }[]);

vi.mock('recharts', async () => {
  const { createElement: h } = await import('react');
  const stub = (name: string) =>
    function Stub(p: Props) {
      seen.push({ name, props: p });
      return h(
        `rc-${name.toLowerCase()}`,
        { 'data-name': typeof p.name === 'string' ? p.name : undefined },
        p.children,
      );
    };
  const names = [
    'ScatterChart',
    'Scatter',
    'ErrorBar',
    'LabelList',
    'Tooltip',
    'LineChart',
    'Line',
    'XAxis',
    'YAxis',
    'CartesianGrid',
    'ReferenceLine',
  ];
  return Object.fromEntries(names.map((n) => [n, stub(n)]));
});

const iv = (mean: number, lo: number, hi: number) => ({ mean, lo, hi, n: 5 });
const row = (name: string, raw: number, gap: [number, number, number] | null): FamilyRow => ({
  name,
  kind: 'family',
  design: 'F1',
  lever: 'length (1 epoch)',
  ratio: { raw, rawRange: [raw, raw], rms: raw },
  gaps: gap ? { adamwMinusSgd: iv(...gap), freezeMinusAdamw: iv(0, -1, 1) } : null,
});
const ROWS = [
  row('fam-a', 0.7, [-2.1, -6.4, 2.2]),
  row('fam-b', 1.9, [14, 2, 26]),
  row('fam-c', 2.1, null),
];
const CORR = { rho: 0.3, ci90: [-0.875, 1] as [number, number], n: 5, what: 'Spearman' };
const scatters = () => seen.filter((s) => s.name === 'Scatter');
const scatter = (name: string) => scatters().find((s) => s.props.name === name);

describe('the family scatter', () => {
  beforeEach(() => {
    seen.length = 0;
  });

  it('draws measured points with error bars, unmeasured ones apart, the paper for scale, and rings the live checkpoint', () => {
    const html = renderToStaticMarkup(
      createElement(FamilyChart, {
        plot: familyPlot(ROWS, 'fam-c', null),
        correlation: CORR,
        liveName: 'fam-c',
      }),
    );
    expect((scatter('micro checkpoints')?.props.data as unknown[]).length).toBe(2);
    expect((scatter('gap not measured')?.props.data as { y: number }[]).map((p) => p.y)).toEqual([
      -10,
    ]);
    expect(
      scatters()
        .filter((x) => x.props.name === "the paper's models")
        .flatMap((x) => x.props.data as unknown[]).length,
    ).toBe(3);
    expect((scatter("this lesson's checkpoint")?.props.data as { name: string }[])[0]?.name).toBe(
      'fam-c',
    );
    expect(scatter('your run')).toBeUndefined();
    expect(seen.filter((s) => s.name === 'ErrorBar').length).toBe(1);
    const x = seen.find((s) => s.name === 'XAxis')?.props;
    expect([x?.scale, x?.domain, x?.ticks]).toEqual(['log', [0.1, 10], [0.1, 0.3, 1, 3, 10]]);
    expect(html).toContain('data-chart="family"');
    expect(html).toMatch(
      /data-testid="family-correlation">Spearman’s ρ .*0\.30 \(90% interval −0\.88 to 1\.00, n = 5 checkpoints\)\. The interval includes 0/,
    );
    expect(html).toContain('on the bottom line: gap not measured');
    expect(html).toMatch(
      /data-testid="family-live" data-live="fam-c">◯ this lesson’s checkpoint: fam-c \(F1: length \(1 epoch\)\): ratio 2\.10; gap not measured/,
    );
  });

  it("adds the run's own point with its interval once it has one", () => {
    const html = renderToStaticMarkup(
      createElement(FamilyChart, {
        plot: familyPlot(ROWS, 'fam-a', { ratio: 0.8, gap: 3, lo: -1, hi: 7, n: 2 }),
        correlation: CORR,
        liveName: 'fam-a',
      }),
    );
    expect((scatter('your run')?.props.data as { x: number; err: number[] }[])[0]).toMatchObject({
      x: 0.8,
      err: [4, 4],
    });
    expect(seen.filter((s) => s.name === 'ErrorBar').length).toBe(2);
    expect(html).toMatch(
      /data-testid="family-you">.*your run \(.*\): ratio 0\.80; AdamW − SGD \+3\.0 points \(90% interval −1\.0 to \+7\.0\), n = 2 seeds/,
    );
    expect(html).toMatch(/this lesson’s checkpoint: fam-a .*AdamW − SGD −2\.1 points/);
  });

  it('says when the weights in force are not in the family', () => {
    const html = renderToStaticMarkup(
      createElement(FamilyChart, {
        plot: familyPlot(ROWS, 'random', null),
        correlation: null,
        liveName: 'random',
      }),
    );
    expect(scatter("this lesson's checkpoint")).toBeUndefined();
    expect(html).toContain('this lesson’s weights (random) are not in the family');
  });
});

describe("the ratio chart marks the paper's values", () => {
  beforeEach(() => {
    seen.length = 0;
  });
  it('3.1 (CLIP ViT-B/16, ConvNeXt-B) and 0.27 (BiT ResNet-50) as labelled lines, on its raw paper view', () => {
    const p = { methods: twoMethods(20), colourOf: () => '#000', labelOf: (id: string) => id };
    renderToStaticMarkup(
      createElement(RatioChart, {
        ...p,
        info: layerInfoOf({ layers: LAYERS, embedLayers: ['patch_embed'], headLayers: ['head'] }),
      }),
    );
    const lines = seen
      .filter((s) => s.name === 'ReferenceLine')
      .map((s) => [s.props.y, (s.props.label as { value?: string } | undefined)?.value]);
    expect(lines).toEqual([
      [1, undefined],
      [3.1, 'paper: CLIP ViT-B/16, ConvNeXt-B 3.1'],
      [0.27, 'paper: BiT ResNet-50 0.27'],
    ]);
    const y = seen.filter((s) => s.name === 'YAxis').at(-1)?.props;
    expect((y?.domain as number[])[0]).toBeLessThanOrEqual(0.27);
    expect((y?.domain as number[])[1]).toBeGreaterThanOrEqual(3.1);
  });
});
