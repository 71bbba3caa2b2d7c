/**
 * How much of a method's history the page keeps, so that a run of any length costs the page
 * (and its saved record) a bounded amount: the last `recent` step events exactly as they came,
 * and before them at most `older` events, every stride-th step (a power of two that doubles as
 * the run grows) plus the very first step (the gradient norms at the pretrained weights, which
 * the per-layer chart shows). Evaluations are thinned the same way. Filter pictures (the first
 * layer's weights, ~9,400 floats each) are kept for the first evaluation (the starting
 * weights, the reference of the chart's "change" picture) and the last few only.
 *
 * The result is a function of the events received, not of how they were batched (a stride only
 * grows, and an event on the final stride passes every smaller one), so a record reassembled
 * from saved pages and thinned again equals what the page showed.
 */
import type { EvalEvent, StepEvent } from '../../protocol/messages';
import type { MethodHistory } from './method-history';

export interface HistoryLimits {
  recentSteps: number;
  olderSteps: number;
  recentEvals: number;
  olderEvals: number;
  /** Evaluations that keep their filter pictures, besides the first one. */
  lastFilters: number;
}

/**
 * 1,024 + 1,024 steps: the charts draw at most 200 points a line (charts/series.ts), and the
 * results table reads the last 50 losses, so the recent window is far more than the screen
 * needs; together about 4 MB of the page's memory per method for the micro ViT's step events
 * (a step event with per-parameter norms is ~2 KB in V8), where a 20,000-step comparison used
 * to hold 80,000 of them. 128 + 128 evaluations: a full-benchmark run has 13 per method.
 */
export const HISTORY_LIMITS: HistoryLimits = {
  recentSteps: 1024,
  olderSteps: 1024,
  recentEvals: 128,
  olderEvals: 128,
  lastFilters: 2,
};

/** Strides stop doubling here (every event but the first dropped from the older part). */
const MAX_STRIDE = 2 ** 40;

export interface Thinned<T> {
  items: T[];
  stride: number;
}

/**
 * `items` (already within bounds at `stride`) with `added` appended: the events that leave the
 * recent window are kept when on the stride (or the very first), and the stride doubles while
 * the older part is over its cap. Returns `items` itself when nothing is added.
 */
export function appendThinned<T extends { step: number }>(
  items: readonly T[],
  added: readonly T[],
  stride: number,
  recent: number,
  older: number,
): Thinned<T> {
  if (added.length === 0) return { items: items as T[], stride };
  const all = items.concat(added);
  if (all.length <= recent) return { items: all, stride };
  // Before this append the events below `from` were the older part, already on the stride.
  const from = Math.max(0, items.length - recent);
  const cut = all.length - recent;
  const onStride = (e: T, i: number, s: number): boolean => i === 0 || e.step % s === 0;
  let kept = all.slice(0, from);
  for (let i = from; i < cut; i++) if (onStride(all[i] as T, i, stride)) kept.push(all[i] as T);
  let s = stride;
  while (kept.length > older && s < MAX_STRIDE) {
    s *= 2;
    const at = s;
    kept = kept.filter((e, i) => onStride(e, i, at));
  }
  return { items: kept.concat(all.slice(cut)), stride: s };
}

/**
 * Filter pictures only on the first evaluation that has them and the last `last` that do; the
 * others lose theirs (the evaluation itself stays). `evals` itself when nothing changes.
 */
export function keepFilters(evals: readonly EvalEvent[], last: number): EvalEvent[] {
  const withFilters: number[] = [];
  evals.forEach((e, i) => {
    if (e.filters) withFilters.push(i);
  });
  const drop = new Set(withFilters.slice(1, Math.max(1, withFilters.length - last)));
  if (drop.size === 0) return evals as EvalEvent[];
  return evals.map((e, i) => {
    if (!drop.has(i)) return e;
    const { filters: _filters, ...rest } = e;
    return rest;
  });
}

/**
 * A method's history with new step and evaluation events appended, within `limits`: what the
 * session store does on every batch, and what reopening a saved run does with its pages.
 */
export function withEvents(
  m: MethodHistory,
  steps: readonly StepEvent[],
  evals: readonly EvalEvent[],
  limits: HistoryLimits = HISTORY_LIMITS,
): MethodHistory {
  const s = appendThinned(
    m.steps,
    steps,
    m.stride?.steps ?? 1,
    limits.recentSteps,
    limits.olderSteps,
  );
  const e = appendThinned(
    m.evals,
    evals,
    m.stride?.evals ?? 1,
    limits.recentEvals,
    limits.olderEvals,
  );
  const received = {
    steps: (m.received?.steps ?? m.steps.length) + steps.length,
    evals: (m.received?.evals ?? m.evals.length) + evals.length,
  };
  return {
    ...m,
    steps: s.items,
    evals: evals.length ? keepFilters(e.items, limits.lastFilters) : e.items,
    received,
    ...(s.stride > 1 || e.stride > 1 ? { stride: { steps: s.stride, evals: e.stride } } : {}),
  };
}
