/**
 * What each live chart asks recharts to draw, through a stand-in recharts: recharts 3 draws
 * nothing on the server (charts-render.test.ts), so each recharts component here renders as an
 * element carrying its props, and the props are recorded. Real drawing is checked in Chromium
 * (tests/e2e/charts.test.ts).
 */
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveCharts } from '../../../src/ui/features/charts/charts-panel';
import type { ChartProps } from '../../../src/ui/features/charts/chart-props';
import { colourOf } from '../../../src/ui/features/charts/palette';
import { LossChart } from '../../../src/ui/features/charts/time-charts';
import { LAYERS, twoMethods } from './charts-fixture';

type Props = Record<string, unknown> & { children?: ReactNode };
const seen = vi.hoisted(() => [] as { name: string; props: Record<string, unknown> }[]);

vi.mock('recharts', async () => {
  const { createElement: h } = await import('react');
  const attr = (k: string, v: unknown): [string, string] | null => {
    if (k === 'children' || v === undefined) return null;
    if (k.includes('-')) return [k, String(v)];
    const name = `data-${k.toLowerCase()}`;
    if (k === 'data' && Array.isArray(v)) return ['data-points', String(v.length)];
    if (k === 'label' && v && typeof v === 'object')
      return ['data-label', String((v as { value?: unknown }).value)];
    if (typeof v === 'function') return [name, 'fn'];
    return [name, typeof v === 'object' ? JSON.stringify(v) : String(v)];
  };
  const stub = (name: string) =>
    function Stub(p: Props) {
      seen.push({ name, props: p });
      const attrs = Object.fromEntries(
        Object.entries(p).flatMap(([k, v]) =>
          [attr(k, v)].filter((x): x is [string, string] => x !== null),
        ),
      );
      // A tick component is drawn once, for the first category.
      const tick =
        name === 'XAxis' && typeof p.tick === 'function'
          ? (p.tick as (t: unknown) => ReactNode)({
              x: 0,
              y: 0,
              payload: { value: 'first', index: 0 },
            })
          : null;
      return h(`rc-${name.toLowerCase()}`, attrs, p.children, tick);
    };
  return Object.fromEntries(
    [
      'LineChart',
      'Line',
      'XAxis',
      'YAxis',
      'CartesianGrid',
      'ReferenceLine',
      'BarChart',
      'Bar',
    ].map((n) => [n, stub(n)]),
  );
});

const SGD = colourOf(0);
const FREEZE = colourOf(2);
const props = (steps = 50): ChartProps => ({
  methods: twoMethods(steps),
  colourOf: (id) => (id === 'sgd' ? SGD : FREEZE),
  labelOf: (id) => id.toUpperCase(),
});
const render = (p: ChartProps): string =>
  renderToStaticMarkup(
    createElement(LiveCharts, {
      p,
      ids: Object.keys(p.methods),
      layers: LAYERS,
      worstGroup: false,
    }),
  );

function figure(html: string, id: string): string {
  const start = html.indexOf(`data-chart="${id}"`);
  expect(start, `chart ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</figure>', html.indexOf('</details>', start)));
}
const tags = (html: string, tag: string): string[] =>
  html.match(new RegExp(`<rc-${tag}(?=[\\s>])[^>]*>`, 'g')) ?? [];
const attrOf = (tag: string, name: string): string | undefined =>
  new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1]?.replace(/&quot;/g, '"');

describe('live charts, as recharts is asked to draw them', () => {
  beforeEach(() => {
    seen.length = 0;
  });

  it('loss: one line per method, decimated to at most 200 points, no animation or dots, on fixed-size axes', () => {
    const f = figure(render(props(5000)), 'loss');
    const chart = tags(f, 'linechart')[0] as string;
    expect([
      attrOf(chart, 'data-width'),
      attrOf(chart, 'data-height'),
      attrOf(chart, 'data-role'),
      attrOf(chart, 'aria-label'),
    ]).toEqual(['420', '220', 'img', 'Training loss']);
    expect(attrOf(chart, 'data-accessibilitylayer')).toBe('false'); // no extra tab stop: keyboard access stays the data tables
    const lines = tags(f, 'line');
    expect(lines.map((l) => attrOf(l, 'data-stroke'))).toEqual([SGD, FREEZE]);
    expect(lines.map((l) => Number(attrOf(l, 'data-points')))).toEqual([200, 10]); // sgd: 5000 steps decimated; sgd-freeze: 10
    for (const l of lines)
      expect([attrOf(l, 'data-isanimationactive'), attrOf(l, 'data-dot')]).toEqual([
        'false',
        'false',
      ]);
    expect(attrOf(tags(f, 'xaxis')[0] as string, 'data-label')).toBe('step');
    expect(attrOf(tags(f, 'yaxis')[0] as string, 'data-label')).toBe('loss');
  });

  it('accuracy: ID solid and OOD dashed per method, a dot per evaluation (open for OOD), y from 0 to 1', () => {
    const f = figure(render(props()), 'accuracy');
    const lines = tags(f, 'line');
    expect(lines.map((l) => attrOf(l, 'data-name'))).toEqual([
      'SGD ID',
      'SGD OOD',
      'SGD-FREEZE ID',
      'SGD-FREEZE OOD',
    ]);
    expect(lines.map((l) => attrOf(l, 'data-strokedasharray') ?? 'solid')).toEqual([
      'solid',
      '6 4',
      'solid',
      '6 4',
    ]);
    expect(lines.map((l) => JSON.parse(attrOf(l, 'data-dot') as string).fill)).toEqual([
      SGD,
      'none',
      FREEZE,
      'none',
    ]);
    const y = tags(f, 'yaxis')[0] as string;
    expect([attrOf(y, 'data-domain'), attrOf(y, 'data-ticks'), attrOf(y, 'data-label')]).toEqual([
      '[0,1]',
      '[0,0.25,0.5,0.75,1]',
      'accuracy',
    ]);
  });

  it('gradient norms: embedding solid, middle dashed, the new head dotted, on a log axis; a frozen embedding has no line', () => {
    const f = figure(render(props()), 'grads');
    expect(
      tags(f, 'line').map(
        (l) => `${attrOf(l, 'data-name')}|${attrOf(l, 'data-strokedasharray') ?? 'solid'}`,
      ),
    ).toEqual([
      'SGD embedding (first layer)|solid',
      'SGD middle (largest block)|6 4',
      'SGD head (new, randomly initialised)|1 3',
      'SGD-FREEZE middle (largest block)|6 4',
      'SGD-FREEZE head (new, randomly initialised)|1 3',
    ]);
    const y = tags(f, 'yaxis')[0] as string;
    // embed 3, middle 0.5, head 0.25: ticks around them
    expect([
      attrOf(y, 'data-scale'),
      attrOf(y, 'data-domain'),
      attrOf(y, 'data-ticks'),
      attrOf(y, 'data-label'),
    ]).toEqual(['log', '[0.2,5]', '[0.2,0.5,1,2,5]', 'gradient norm']);
  });

  it('ratio: one line per method with an embedding gradient, log axis, a reference line at 1', () => {
    const f = figure(render(props()), 'ratio');
    expect(tags(f, 'line').map((l) => attrOf(l, 'data-name'))).toEqual(['SGD']);
    expect(attrOf(tags(f, 'referenceline')[0] as string, 'data-y')).toBe('1');
    const y = tags(f, 'yaxis')[0] as string;
    expect(attrOf(y, 'data-scale')).toBe('log');
    expect(JSON.parse(attrOf(y, 'data-ticks') as string)[0]).toBeLessThanOrEqual(1); // the reference line is on the axis
  });

  it('per-layer gradients and drift: one bar per method over the layers; gradients on a log axis', () => {
    const html = render(props());
    for (const id of ['layers', 'drift']) {
      const f = figure(html, id);
      // Both: the pretrained layers in one chart, the new head apart on its own scale.
      expect(attrOf(tags(f, 'barchart')[0] as string, 'data-points')).toBe(
        String(LAYERS.length - 1),
      );
      expect(attrOf(tags(f, 'barchart')[1] as string, 'data-points')).toBe('1');
      const perChart = [`SGD|${SGD}|false`, `SGD-FREEZE|${FREEZE}|false`];
      expect(
        tags(f, 'bar').map(
          (b) =>
            `${attrOf(b, 'data-name')}|${attrOf(b, 'data-fill')}|${attrOf(b, 'data-isanimationactive')}`,
        ),
      ).toEqual([...perChart, ...perChart]);
    }
    expect(tags(figure(html, 'layers'), 'yaxis').map((y) => attrOf(y, 'data-scale'))).toEqual([
      'log',
      'log',
    ]);
    // The head's own chart names it as the new layer (its x axis reads the rows' layer).
    const headCharts = seen
      .filter((c) => c.name === 'BarChart' && c.props.width === 140)
      .map((c) => (c.props.data as { layer: string }[]).map((r) => r.layer));
    expect(headCharts).toEqual([['head'], ['head (new, random)']]); // drift, then per-layer gradients (folded under "More", after it)
    expect(attrOf(tags(figure(html, 'drift'), 'yaxis')[0] as string, 'data-label')).toBe(
      'relative change',
    );
    // the frozen embedding's gradient is no bar (null), not a zero on a log axis
    const layerBars = seen
      .filter((s) => s.name === 'Bar' && s.props.name === 'SGD-FREEZE')
      .map((s) => s.props.dataKey as (r: Record<string, unknown>) => unknown);
    expect(layerBars[0]?.({ layer: 'patch_embed', 'sgd-freeze': null })).toBeNull();
  });

  it('memory: weights, gradients and optimizer state stacked, the measured bar hatched beside them, bytes per parameter under the method', () => {
    const f = figure(render(props()), 'memory');
    const bars = tags(f, 'bar');
    expect(
      bars.map((b) => `${attrOf(b, 'data-datakey')}|${attrOf(b, 'data-stackid') ?? '-'}`),
    ).toEqual(['weights|accounted', 'gradients|accounted', 'state|accounted', 'measured|-']);
    const hatch = /<pattern id="([^"]+)"/.exec(f)?.[1];
    expect(attrOf(bars[3] as string, 'data-fill')).toBe(`url(#${hatch})`);
    expect(f).toContain('12.0 B/param');
    expect(attrOf(tags(f, 'yaxis')[0] as string, 'data-label')).toBe('MB');
  });

  it("a finished method's line is the same object on the next refresh (recharts' memoised <Line> skips it)", () => {
    const p = props();
    const next = {
      ...p,
      methods: {
        ...p.methods,
        sgd: {
          ...(p.methods.sgd as NonNullable<ChartProps['methods']['sgd']>),
          steps: [...(p.methods.sgd?.steps ?? [])],
        },
      },
    };
    const dataOf = (q: ChartProps): unknown[] => {
      seen.length = 0;
      renderToStaticMarkup(createElement(LossChart, q));
      return seen.filter((s) => s.name === 'Line').map((s) => s.props.data);
    };
    const [a, b] = [dataOf(p), dataOf(next)];
    expect(b[1]).toBe(a[1]); // sgd-freeze: untouched
    expect(b[0]).not.toBe(a[0]); // sgd: a new steps array
    expect(b[0]).toEqual(a[0]);
  });
  it('accuracy: the other seeds OOD as faint lines (thin, pale, no dots) under the first seed, one series per method (#19, #25)', () => {
    const p = props(50);
    seen.length = 0;
    const f = figure(
      render({ ...p, otherSeeds: { 5: twoMethods(50), 6: twoMethods(50) } }),
      'accuracy',
    );
    const lines = tags(f, 'line');
    const faint = lines.filter((l) => attrOf(l, 'data-strokeopacity') === '0.35');
    // 2 other seeds x 2 methods, OOD only: one series per method, its seeds one after the other
    expect(faint).toHaveLength(2);
    for (const l of faint) {
      expect(attrOf(l, 'data-strokewidth')).toBe('1');
      expect(attrOf(l, 'data-dot')).toBe('false');
      expect(attrOf(l, 'data-name')).toMatch(/OOD, other seeds$/);
    }
    // Each faint series: seed 5's points, a gap (a null value: no segment drawn), seed 6's.
    const faintData = seen
      .filter((s) => s.name === 'Line' && s.props.strokeOpacity === 0.35)
      .map((s) => s.props.data as (readonly [number, number | null])[]);
    expect(faintData).toHaveLength(2);
    for (const d of faintData) {
      const gaps = d.flatMap((pt, i) => (pt[1] === null ? [i] : []));
      expect(gaps).toHaveLength(1);
      const half = gaps[0] as number;
      expect(d.slice(0, half).map((pt) => pt[0])).toEqual(d.slice(half + 1).map((pt) => pt[0]));
    }
    expect(lines.filter((l) => attrOf(l, 'data-strokeopacity') === '1')).toHaveLength(4); // the first seed: ID and OOD per method
    expect(f).toContain('faint: OOD of the other 2 seeds');
    const one = figure(render(p), 'accuracy');
    expect(
      tags(one, 'line').filter((l) => attrOf(l, 'data-strokeopacity') === '0.35'),
    ).toHaveLength(0);
    expect(one).not.toContain('faint');
  });
});
