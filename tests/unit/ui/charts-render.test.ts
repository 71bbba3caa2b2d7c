/**
 * Every live chart renders server-side (react-dom/server, no DOM library) with its caption, note
 * and data table. Recharts 3 draws nothing on the server (its charts fill in from effects:
 * recharts issue #5997), so here a recharts chart is its fixed-size wrapper; what each draws is
 * checked through a stand-in recharts in charts-recharts.test.ts, and in real Chromium in
 * tests/e2e/charts.test.ts.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { ChartsPanel, LiveCharts } from '../../../src/ui/features/charts/charts-panel';
import type { ChartProps } from '../../../src/ui/features/charts/chart-props';
import { CHART_NOTES } from '../../../src/ui/features/charts/notes';
import { colourOf } from '../../../src/ui/features/charts/palette';
import { Table } from '../../../src/ui/features/charts/data-table';
import { resetSession, useStore } from '../../../src/ui/store/store';
import { LIVE_CHART_IDS } from '../../helpers/live-charts';
import { LAYERS, twoMethods } from './charts-fixture';

const props = (steps = 50): ChartProps => ({
  methods: twoMethods(steps),
  colourOf: (id) => colourOf(id === 'sgd' ? 0 : 2),
  labelOf: (id) => id.toUpperCase(),
});
const render = (p: ChartProps, worstGroup = false): string =>
  renderToStaticMarkup(
    createElement(LiveCharts, { p, ids: Object.keys(p.methods), layers: LAYERS, worstGroup }),
  );

/** The markup of one figure, by its data-chart id. */
function figure(html: string, id: string): string {
  const start = html.indexOf(`data-chart="${id}"`);
  expect(start, `chart ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</figure>', html.indexOf('</details>', start)));
}

describe('live charts render', () => {
  const html = render(props());

  it('nine charts, each with a caption, one sentence of what to look for, a folded plain-language note and a keyboard-operable data table', () => {
    const ids = LIVE_CHART_IDS;
    expect(html.match(/<figure/g)?.length).toBe(ids.length + 1 + 2 + 2); // + the filter pictures: pretrained, then per method its change and its filters now
    for (const id of ids) {
      const f = figure(html, id);
      expect(f).toMatch(
        /<figcaption id="chart-[^>]*>[^<]*<\/figcaption><p class="chart-look">Look for [^<]*<\/p>/,
      ); // opens with what to look for
      expect(f).toContain('<summary>More about this chart</summary>');
      expect(f).toContain('<summary>Data table:');
      expect(f).not.toMatch(/: no data yet"|chart-empty/);
    }
    expect(html).toContain(CHART_NOTES.ratio.slice(0, 40));
  });

  it("grouped by the paper's three findings, in order, each opening with one sentence (#22)", () => {
    const groups = [
      ...html.matchAll(
        /<section class="finding" data-finding="(\d)"[^>]*><h3 [^>]*>([^<]*)<\/h3><p class="finding-lede">([^<]*)<\/p>/g,
      ),
    ];
    expect(groups.map((g) => g[1])).toEqual(['1', '2', '3']);
    for (const g of groups) expect(g[3], g[2]).toMatch(/^[A-Z][^.]*\.$/); // one sentence
    const groupOf = (id: string): string => {
      const at = html.indexOf(`data-chart="${id}"`);
      return (
        html
          .slice(0, at)
          .match(/data-finding="(\d)"/g)
          ?.at(-1) ?? 'none'
      );
    };
    const expected: Record<string, string> = {
      accuracy: '1',
      loss: '1',
      grads: '2',
      ratio: '2',
      layers: '2',
      heatmap: '2',
      drift: '2',
      filters: '2',
      memory: '3',
    };
    for (const [id, n] of Object.entries(expected))
      expect(groupOf(id), id).toBe(`data-finding="${n}"`);
    // Folded under "More" in finding 2, and still drawn there: the per-layer bars, the heatmap and the filters.
    const more = html.slice(
      html.indexOf('<details class="finding-more">'),
      html.indexOf('data-finding="3"'),
    );
    for (const id of ['layers', 'heatmap', 'filters'])
      expect(more, id).toContain(`data-chart="${id}"`);
    for (const id of ['grads', 'ratio', 'drift'])
      expect(more, id).not.toContain(`data-chart="${id}"`);
  });

  it('line and bar charts are fixed-size recharts charts; heatmaps and filters are canvases', () => {
    for (const id of ['loss', 'accuracy', 'grads', 'ratio', 'layers', 'drift', 'memory']) {
      expect(figure(html, id), id).toMatch(
        /class="recharts-wrapper[^"]*" style="[^"]*width:420px;height:220px/,
      );
    }
    expect(figure(html, 'heatmap').match(/<canvas/g)).toHaveLength(2);
    expect(figure(html, 'filters').match(/<canvas/g)).toHaveLength(5); // pretrained + (change, now) for 2 methods
    expect(figure(html, 'memory')).toMatch(/<pattern id="hatch/); // the measured bars' hatching
  });

  it('a chart without data yet keeps its size and says so', () => {
    const empty = render({ ...props(), methods: { sgd: { steps: [], evals: [] } } });
    // Line charts stay mounted with an empty frame (recharts mounts once, on page load).
    expect(figure(empty, 'loss')).toContain('class="chart-box chart-empty"');
    expect(figure(empty, 'loss')).toMatch(
      /<span class="no-data-note" aria-hidden="true">no data yet<\/span>/,
    );
    expect(figure(empty, 'loss')).toContain('width:420px;height:220px');
  });

  it('worst-group accuracy is named when the benchmark has groups', () => {
    expect(figure(render(props(), true), 'accuracy')).toContain('worst group');
  });

  it('a data table lists every row with a caption and column headers', () => {
    const t = renderToStaticMarkup(
      createElement(Table, {
        rows: [
          { step: 1, sgd: 0.5 },
          { step: 2, adamw: 0.25 },
        ],
        caption: 'loss',
      }),
    );
    expect(t).toContain('<caption>loss</caption>');
    expect(t.match(/<th scope="col">/g)).toHaveLength(3);
    expect(t).toContain('<td>–</td>');
  });
});

describe('charts panel on the session store', () => {
  beforeEach(() => resetSession());

  it('shows empty chart frames before a run; then every chart takes the data in a frame turn of its own', () => {
    const before = renderToStaticMarkup(createElement(ChartsPanel));
    expect(before.match(/data-chart=/g)).toHaveLength(9);
    expect(before.match(/chart-box chart-empty/g)).toHaveLength(4); // loss, accuracy, gradients, ratio
    useStore.setState({
      methods: twoMethods(),
      loaded: {
        family: 'vit',
        params: 1,
        embedParams: 1,
        layers: LAYERS,
        embedLayers: ['patch_embed'],
        numClasses: 2,
        classNames: [],
        sizes: { train: 1, idVal: 1, ood: 1 },
        idMetric: 'accuracy',
        oodMetric: 'accuracy',
      },
    });
    const html = renderToStaticMarkup(createElement(ChartsPanel));
    expect(html.match(/data-chart=/g)).toHaveLength(9);
    expect(figure(html, 'loss')).toContain('recharts-wrapper'); // mounted, empty
    // staggered: each chart mounts empty and takes the data in its own turn (frame-turns.tsx),
    // the first too (no two charts' updates in one task)
    expect(html.match(/aria-label="[^"]*: no data yet"|chart-box chart-empty/g)).toHaveLength(9); // per-layer gradients and drift: the layers and the head apart
    expect(html).toContain('The pictures appear after the first evaluation.');
    expect(html).toContain('SGD (momentum 0.9)'); // the legend names the methods at once
  });
});
