import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GuidedMode } from '../../../src/ui/features/insight/guided-mode';
import { GUIDED_STEPS } from '../../../src/ui/features/insight/guided-steps';
import { formatCell, resultColumns } from '../../../src/ui/features/insight/results-rows';
import { ResultsTableView } from '../../../src/ui/features/insight/results-table';
import { METHOD_IDS, PAPER_METHOD_IDS } from '../../../src/presets/method-catalog';
import { CHART_NOTES } from '../../../src/ui/features/charts/notes';
import { twoMethods } from './charts-fixture';

const ORDER = PAPER_METHOD_IDS;

describe('results table (the paper layout)', () => {
  it('finished methods show best-ID and final evaluations; running ones are provisional', () => {
    const cols = resultColumns(twoMethods(), ORDER, false);
    expect(cols.map((c) => c.methodId)).toEqual(['sgd', 'sgd-freeze']);
    expect(cols[0]).toMatchObject({
      best: { id: 0.8, ood: 0.5, step: 50, provisional: false },
      final: { step: 50 },
    });
    expect(cols[1]?.best).toMatchObject({ id: 0.2, step: 0, provisional: true });
    expect(formatCell(cols[0]?.best ?? null)).toBe('50.0 [80.0]');
  });

  it('worst-group OOD where the benchmark has groups', () => {
    expect(resultColumns(twoMethods(), ORDER, true)[0]?.best?.ood).toBeCloseTo(0.4);
  });

  it('renders one column per method and two rows (best ID, final)', () => {
    const html = renderToStaticMarkup(
      createElement(ResultsTableView, {
        columns: resultColumns(twoMethods(), ORDER, false),
        model: 'micro vit',
        worstGroup: false,
      }),
    );
    expect(html).toContain('<th scope="col">SGD (momentum 0.9)</th>');
    expect(html).toContain('micro vit, best ID');
    expect(html).toContain('50.0 [80.0]');
    expect(html).toContain('20.0 [20.0]*');
    expect(
      renderToStaticMarkup(
        createElement(ResultsTableView, { columns: [], model: 'm', worstGroup: false }),
      ),
    ).toBe('');
  });
});

describe('guided classroom mode', () => {
  it('five steps and an optional sixth, one sentence each, methods accumulating, each looking at a real chart or panel', () => {
    expect(GUIDED_STEPS.map((s) => s.id)).toEqual([
      'shift',
      'sgd',
      'adamw',
      'freeze',
      'memory',
      'others',
    ]);
    expect(GUIDED_STEPS.map((s) => s.optional === true)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    for (const s of GUIDED_STEPS) {
      expect(s.sentence.split(/[.!?](\s|$)/).filter((x) => x.trim().length > 1)).toHaveLength(1);
      // The lesson's steps run the paper's comparison; the optional one, the other methods too.
      expect(s.config.methods.every((m) => (s.optional ? METHOD_IDS : ORDER).includes(m))).toBe(
        true,
      );
      expect(s.config.focus in CHART_NOTES || ['samples', 'results'].includes(s.config.focus)).toBe(
        true,
      );
    }
    expect(GUIDED_STEPS[3]?.config.methods).toContain('sgd-freeze');
  });

  it('renders the current step with its sentence and keyboard-reachable buttons', () => {
    const html = renderToStaticMarkup(
      createElement(GuidedMode, { onApplyStep: () => undefined, initialStep: 1 }),
    );
    expect(html).toContain('Step 2 of 5: Fine-tune with SGD');
    expect(html).toContain(GUIDED_STEPS[1]?.sentence.slice(0, 30));
    expect(html).toContain('aria-current="step"');
    expect(html.match(/<button type="button"/g)?.length).toBe(6 + 3); // a link per step (the optional one too), Back, Set up, Next
    const optional = renderToStaticMarkup(
      createElement(GuidedMode, { onApplyStep: () => undefined, initialStep: 5 }),
    );
    expect(optional).toContain('Optional step: What else did the paper try?');
  });

  it('the list and the heading count the same steps: the lesson numbered, the optional one marked, not counted', () => {
    const html = renderToStaticMarkup(
      createElement(GuidedMode, { onApplyStep: () => undefined, initialStep: 0 }),
    );
    const items = [...html.matchAll(/<li( class="optional")?[^>]*><button[^>]*>([^<]*)</g)];
    expect(items.map((m) => m[2])).toEqual(
      GUIDED_STEPS.map((s) => (s.optional ? `Optional: ${s.title}` : s.title)),
    );
    const numbered = items.filter((m) => m[1] === undefined).length;
    expect(numbered).toBe(5);
    expect(html).toContain(`Step 1 of ${numbered}: Look at the shift`);
    // An optional step between lesson steps does not shift the later steps' numbers.
    const [a, b, c] = GUIDED_STEPS;
    const mid = renderToStaticMarkup(
      createElement(GuidedMode, {
        onApplyStep: () => undefined,
        steps: [a!, { ...b!, optional: true }, c!],
        initialStep: 2,
      }),
    );
    expect(mid).toContain(`Step 2 of 2: ${c!.title}`);
    expect(mid).toContain(`Optional: ${b!.title}`);
  });
});
