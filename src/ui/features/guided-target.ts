/**
 * Where a guided step asks the class to look (GuidedStep.config.focus), and scrolling there
 * without the pinned guide covering it. A step that trains (it has methods) first shows the Run
 * buttons, since Run is what the class presses next; once that run starts, the page scrolls
 * to the step's chart (GuidedPanel). A step without methods shows its target at once.
 */
import type { GuidedStepConfig } from './insight/guided-steps';

export type Focus = GuidedStepConfig['focus'];

/** Pixels left between the guide's bottom edge and the target's top. */
export const GUIDE_GAP = 8;

const RUN_CONTROLS = '[data-testid=run-controls]';

/** Selectors to try in order; the first one on the page is scrolled to. */
export function focusSelectors(focus: Focus): string[] {
  if (focus === 'samples') return ['[data-testid=samples]'];
  if (focus === 'results') return ['[data-section=results]', RUN_CONTROLS];
  return [`[data-chart=${focus}]`, RUN_CONTROLS];
}

/** Once the step's run has started: the step's own target only (the Run buttons are no stand-in then). */
export function afterRunSelectors(focus: Focus): string[] {
  return focusSelectors(focus).filter((s) => s !== RUN_CONTROLS);
}

/** Right after "Set up this step": the Run buttons for a step that trains, else the step's target. */
export function setupSelectors(config: GuidedStepConfig): string[] {
  return config.methods.length ? [RUN_CONTROLS] : focusSelectors(config.focus);
}

/** The first element on the page of `selectors`. */
export function findTarget(
  selectors: readonly string[],
  root: ParentNode = document,
): Element | null {
  for (const sel of selectors) {
    const el = root.querySelector(sel);
    if (el) return el;
  }
  return null;
}

/**
 * The window's scroll offset that puts `el`'s top GUIDE_GAP below the pinned guide: the guide
 * is sticky at the top of the window, so once scrolled past it covers its own height there.
 */
export function scrollTopFor(el: Element, guideHeight: number, scrollY: number): number {
  return Math.max(
    0,
    Math.round(el.getBoundingClientRect().top + scrollY - guideHeight - GUIDE_GAP),
  );
}

/** Opens every closed <details> around `el` (a chart folded under "More", the settings): a target must be seen, not only scrolled to. */
export function unfold(el: Element): void {
  for (let d = el.parentElement?.closest('details'); d; d = d.parentElement?.closest('details'))
    d.open = true;
}

/** Scrolls the window so `el` sits just under the guide (smooth unless the user asked for less motion, or `instant`). */
export function scrollBelowGuide(el: Element, guide: HTMLElement | null, instant = false): void {
  unfold(el);
  const reduce =
    instant ||
    (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
  window.scrollTo({
    top: scrollTopFor(el, guide?.offsetHeight ?? 0, window.scrollY),
    behavior: reduce ? 'auto' : 'smooth',
  });
}

/** What says the user took over the scrolling (or the page): then the guide stops following. */
const USER_INPUT = ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const;

/**
 * Scrolls `el` just under the guide and keeps it there while the page's layout changes under a
 * run (a chart or an alert appearing above it: the recorded-run chart, loaded after the charts
 * mount, moved the ratio chart down a whole row), until the user scrolls, types or clicks, or
 * `maxMs` passes. Returns a stop function.
 */
export function followBelowGuide(
  el: Element,
  guide: HTMLElement | null,
  maxMs = 10 * 60_000,
): () => void {
  scrollBelowGuide(el, guide);
  const realign = (): void => {
    const want = (guide?.offsetHeight ?? 0) + GUIDE_GAP;
    if (el.isConnected && Math.abs(el.getBoundingClientRect().top - want) > 1)
      scrollBelowGuide(el, guide, true);
  };
  const obs = typeof ResizeObserver === 'function' ? new ResizeObserver(realign) : null;
  obs?.observe(document.body);
  obs?.observe(el);
  const timer = setTimeout(() => stop(), maxMs);
  const stop = (): void => {
    obs?.disconnect();
    clearTimeout(timer);
    for (const t of USER_INPUT) window.removeEventListener(t, stop, true);
  };
  for (const t of USER_INPUT) window.addEventListener(t, stop, { capture: true, passive: true });
  return stop;
}

/**
 * Calls `found` with the first element of `selectors` once it is on the page (the live charts
 * mount when a run starts, from a lazily loaded chunk), or never after `timeoutMs`. Returns a
 * cancel function.
 */
export function whenOnPage(
  selectors: readonly string[],
  found: (el: Element) => void,
  timeoutMs = 30_000,
): () => void {
  const now = findTarget(selectors);
  if (now) {
    found(now);
    return () => undefined;
  }
  const obs = new MutationObserver(() => {
    const el = findTarget(selectors);
    if (!el) return;
    stop();
    found(el);
  });
  const timer = setTimeout(() => stop(), timeoutMs);
  const stop = (): void => {
    obs.disconnect();
    clearTimeout(timer);
  };
  obs.observe(document.body, { childList: true, subtree: true });
  return stop;
}
