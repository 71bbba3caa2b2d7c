/** Every live chart renders with data (server-side React: no DOM library needed), with its note and data table. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { ChartsPanel, LiveCharts } from '../../../src/ui/features/charts/charts-panel';
import type { ChartProps } from '../../../src/ui/features/charts/chart-props';
import { CHART_NOTES } from '../../../src/ui/features/charts/notes';
import { colourOf } from '../../../src/ui/features/charts/palette';
import { Table } from '../../../src/ui/features/charts/data-table';
import { resetSession, useSession } from '../../../src/ui/store/session-store';
import { LAYERS, twoMethods } from './charts-fixture';

const props = (steps = 50): ChartProps => ({ methods: twoMethods(steps), colourOf: (id) => colourOf(id === 'sgd' ? 0 : 2), labelOf: (id) => id.toUpperCase() });
const render = (p: ChartProps, worstGroup = false): string => renderToStaticMarkup(createElement(LiveCharts, { p, ids: Object.keys(p.methods), layers: LAYERS, worstGroup }));

/** The markup of one figure, by its data-chart id. */
function figure(html: string, id: string): string {
  const start = html.indexOf(`data-chart="${id}"`);
  expect(start, `chart ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</figure>', html.indexOf('</details>', start)));
}

describe('live charts render', () => {
  const html = render(props());

  it('nine charts, each with a caption, a plain-language note and a keyboard-operable data table', () => {
    const ids = ['loss', 'accuracy', 'grads', 'ratio', 'layers', 'heatmap', 'drift', 'filters', 'memory'];
    expect(html.match(/<figure/g)?.length).toBe(ids.length + 1 + 2); // + the filter pictures: pretrained, then one per method
    for (const id of ids) {
      const f = figure(html, id);
      expect(f).toMatch(/<figcaption id="chart-/);
      expect(f).toContain('<summary>Data table:');
      expect(f).not.toContain('no data yet');
    }
    expect(html).toContain(CHART_NOTES.ratio.slice(0, 40));
  });

  it('line charts draw one path per method and kind, decimated to at most 200 points', () => {
    const big = render(props(5000));
    const loss = figure(big, 'loss');
    const paths = [...loss.matchAll(/ d="([^"]+)"/g)].map((m) => m[1] as string);
    expect(paths).toHaveLength(2);
    expect((paths[0] as string).split('L').length).toBeLessThanOrEqual(200);
    // embed + rest for SGD, rest only for a frozen embedding
    expect([...figure(html, 'grads').matchAll(/<path /g)]).toHaveLength(3);
    expect(figure(html, 'grads')).toContain('stroke-dasharray="6 4"');
  });

  it('per-layer bars, drift bars and memory stacks are rects; heatmaps and filters are canvases', () => {
    expect(figure(html, 'layers').match(/<rect /g)?.length).toBeGreaterThanOrEqual(5); // 3 layers x 2 methods, minus the frozen one
    expect(figure(html, 'drift')).toMatch(/<rect [^>]*fill="#0072B2"/);
    expect(figure(html, 'heatmap').match(/<canvas/g)).toHaveLength(2);
    expect(figure(html, 'filters').match(/<canvas/g)).toHaveLength(3); // pretrained + now for 2 methods
    const mem = figure(html, 'memory');
    expect(mem).toMatch(/fill="url\(#hatch/);
    expect(mem).toContain('>12.0 B/param</text>');
  });

  it('worst-group accuracy is named when the benchmark has groups', () => {
    expect(figure(render(props(), true), 'accuracy')).toContain('worst group');
  });

  it('a data table lists every row with a caption and column headers', () => {
    const t = renderToStaticMarkup(createElement(Table, { rows: [{ step: 1, sgd: 0.5 }, { step: 2, adamw: 0.25 }], caption: 'loss' }));
    expect(t).toContain('<caption>loss</caption>');
    expect(t.match(/<th scope="col">/g)).toHaveLength(3);
    expect(t).toContain('<td>–</td>');
  });
});

describe('charts panel on the session store', () => {
  beforeEach(() => resetSession());

  it('renders nothing before a run, the charts once there is history', () => {
    expect(renderToStaticMarkup(createElement(ChartsPanel))).toBe('');
    useSession.setState({ methods: twoMethods(), loaded: { family: 'vit', params: 1, embedParams: 1, layers: LAYERS, embedLayers: ['patch_embed'], numClasses: 2, classNames: [], sizes: { train: 1, idVal: 1, ood: 1 }, idMetric: 'accuracy', oodMetric: 'accuracy' } });
    const html = renderToStaticMarkup(createElement(ChartsPanel));
    expect(html.match(/data-chart=/g)).toHaveLength(9);
    expect(html).toContain('patch_embed');
  });
});
