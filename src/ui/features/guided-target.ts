/**
 * Where a guided step asks the class to look (GuidedStep.config.focus): a live chart, the
 * sample images or the results table. Before a run has data the chart is not on the page yet,
 * so the Run buttons stand in: that is where the class goes next anyway.
 */
import type { GuidedStepConfig } from './insight/guided-steps';

export type Focus = GuidedStepConfig['focus'];

/** Selectors to try in order; the first one on the page is scrolled into view. */
export function focusSelectors(focus: Focus): string[] {
  if (focus === 'samples') return ['[data-testid=samples]'];
  if (focus === 'results') return ['[data-section=results]', '[data-testid=run-controls]'];
  return [`[data-chart=${focus}]`, '[data-testid=run-controls]'];
}

export function scrollToFocus(focus: Focus, root: ParentNode = document): Element | null {
  for (const sel of focusSelectors(focus)) {
    const el = root.querySelector(sel);
    if (el) {
      // Smooth unless the user asked for less motion.
      const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
      el.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
      return el;
    }
  }
  return null;
}
