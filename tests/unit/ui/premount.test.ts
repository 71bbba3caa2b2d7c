/**
 * Figures mounted ahead of the Run (src/ui/features/charts/premount.tsx) and the line charts'
 * step axis (line-chart.tsx's xDomainOf): both there so that the main thread is not blocked
 * while the pool trains (issue #25 item 4). Rendered on the server, where there is no idle
 * callback: nothing is mounted ahead, and a shown figure is in place.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Premount } from '../../../src/ui/features/charts/premount';
import { niceCeil } from '../../../src/ui/features/charts/axis';
import { xDomainOf } from '../../../src/ui/features/charts/line-chart';
import { ResultsTableView } from '../../../src/ui/features/insight/results-table';
import { resultColumns } from '../../../src/ui/features/insight/results-rows';
import { PAPER_METHOD_IDS } from '../../../src/presets/method-catalog';
import { parseReference, type Reference } from '../../../src/ui/reference/reference-data';
import { twoMethods } from './charts-fixture';
import { recordedMethod, recording } from '../../helpers/reference-file';

/** A recording of two methods, three seeds each (per-seed OOD: the dot plot is drawn). */
const reference = parseReference(
  recording('A made-up recording', {
    sgd: recordedMethod(0.01, [0.8, 0.82, 0.78], [0.8, 0.02]),
    adamw: recordedMethod(0.01, [0.83, 0.81, 0.84], [0.8, 0.02]),
  }),
) as Reference;

describe('Premount', () => {
  it('renders nothing before it is shown where the page never idles (no requestIdleCallback)', () => {
    const html = renderToStaticMarkup(
      createElement(Premount, { shown: false }, createElement('figure', null, 'chart')),
    );
    expect(html).toBe('');
  });

  it('shown: the children in one wrapper that takes no box (display: contents), not hidden', () => {
    const html = renderToStaticMarkup(
      createElement(Premount, { shown: true }, createElement('figure', null, 'chart')),
    );
    expect(html).toBe('<div class="premount-shown"><figure>chart</figure></div>');
  });

  it('the results table: the recorded seeds not before there is a column, then in place', () => {
    const view = (columns: ReturnType<typeof resultColumns>) =>
      renderToStaticMarkup(
        createElement(ResultsTableView, {
          columns,
          model: 'micro vit',
          worstGroup: false,
          reference,
        }),
      );
    expect(view([])).toBe(''); // on the server nothing is mounted ahead
    const html = view(resultColumns(twoMethods(), PAPER_METHOD_IDS, false));
    expect(html).toMatch(/<div class="premount-shown"><div class="reference-seeds"/);
    expect(html).toContain('data-testid="reference-seed-dots"');
    expect(html).not.toContain('premount-hidden');
    expect(html).not.toContain('aria-hidden');
  });
});

describe('the step axis', () => {
  it('ends at a nice number above 10, so it moves a few times a run, not at every refresh', () => {
    expect([1, 7, 10, 11, 12, 13, 20, 21, 92, 101, 2760, 3001].map(niceCeil)).toEqual([
      1, 7, 10, 12, 12, 15, 20, 25, 100, 120, 3000, 3500,
    ]);
    // Every step from 11 to 3,000 leaves at most a fifth of the axis blank.
    for (let v = 11; v <= 3000; v++) expect(niceCeil(v) / v).toBeLessThanOrEqual(1.25);
    const line = (xs: number[]) => ({
      key: 'a',
      name: 'a',
      colour: '#000',
      points: xs.map((x) => [x, 0] as const),
    });
    expect(xDomainOf([line([0, 10, 20, 30])])).toEqual([0, 30]);
    expect(xDomainOf([line([1, 43])])).toEqual([1, 50]);
    expect(xDomainOf([line([5])])).toEqual([4, 6]); // one step: one on either side
    expect(xDomainOf([line([1, 2, 3, 4, 5, 6])])).toEqual([1, 6]); // epochs: as they are
    expect(xDomainOf([])).toBeNull();
  });
});
