/**
 * What each save of a run writes (run-pages.ts): the headers, and one page with the events that
 * came since the last save, the last ones of each method's arrays (a history's recent events
 * are never thinned, and `received` counts them all). So a save costs what is new, not the
 * whole run.
 *
 * The page also thins older events; the saved pages do not, so they keep events the page has
 * dropped. When the pages hold more than twice what the page does, or when what came since the
 * last save is more than the recent window (some of it may be thinned already), the save
 * writes everything the page holds as one page that replaces the others: a compaction. Both
 * are rare (the first after ~2,000 steps of a method, then every ~1,000 or more), and a
 * compaction costs what the page holds, so the cost per step stays constant and the record
 * stays under about three times what the page shows.
 */
import type { EvalEvent, StepEvent } from '../../protocol/messages';
import type { MethodHistory } from '../store/method-history';
import { HISTORY_LIMITS, type HistoryLimits } from '../store/method-history-bounds';
import { packSteps } from './packed-steps';
import type { MetricsPage, StoredHeaders } from './run-pages';
import type { RunWrite } from './run-db';
import { storeHeader, withoutFilters } from './stored-eval';

interface Counts {
  steps: number;
  evals: number;
}

const received = (m: MethodHistory): Counts =>
  m.received ?? { steps: m.steps.length, evals: m.evals.length };

export class RunSaver {
  private seq = 0;
  /** Per method: its `received` counts when it was last saved. */
  private readonly saved = new Map<string, Counts>();
  /** Events in the saved pages, since the last compaction. */
  private stored: Counts = { steps: 0, evals: 0 };
  /** A write did not land (e.g. storage full): its page is missing, so the next one writes everything. */
  private lost = false;

  constructor(private readonly limits: HistoryLimits = HISTORY_LIMITS) {}

  /** Pages written so far (tests, bench). */
  get pages(): number {
    return this.seq;
  }

  /** The last write from next() failed. */
  writeFailed(): void {
    this.lost = true;
  }

  /** What to write now for `methods` (a snapshot of the session store's). */
  next(methods: Readonly<Record<string, MethodHistory>>): Omit<RunWrite, 'summary'> {
    const headers: StoredHeaders = {
      methods: Object.fromEntries(Object.entries(methods).map(([id, m]) => [id, storeHeader(m)])),
    };
    const fresh: Record<string, { steps: StepEvent[]; evals: EvalEvent[] }> = {};
    const held: Counts = { steps: 0, evals: 0 };
    const added: Counts = { steps: 0, evals: 0 };
    let gap = false;
    for (const [id, m] of Object.entries(methods)) {
      const now = received(m);
      const was = this.saved.get(id) ?? { steps: 0, evals: 0 };
      const ns = now.steps - was.steps;
      const ne = now.evals - was.evals;
      // Beyond the recent window the newest events may have been thinned: no telling which.
      if (
        ns < 0 ||
        ne < 0 ||
        ns > Math.min(m.steps.length, this.limits.recentSteps) ||
        ne > Math.min(m.evals.length, this.limits.recentEvals)
      )
        gap = true;
      fresh[id] = {
        steps: m.steps.slice(m.steps.length - ns),
        evals: m.evals.slice(m.evals.length - ne),
      };
      held.steps += m.steps.length;
      held.evals += m.evals.length;
      added.steps += ns;
      added.evals += ne;
    }
    for (const [id, m] of Object.entries(methods)) this.saved.set(id, received(m));
    const after = {
      steps: this.stored.steps + added.steps,
      evals: this.stored.evals + added.evals,
    };
    const compact =
      this.lost || gap || after.steps > 2 * held.steps || after.evals > 2 * held.evals;
    this.lost = false;
    if (compact) {
      this.stored = held;
      return { headers, page: { seq: this.seq++, data: pageOf(methods), replaces: true } };
    }
    if (added.steps === 0 && added.evals === 0) return { headers };
    this.stored = after;
    return { headers, page: { seq: this.seq++, data: pageOf(fresh), replaces: false } };
  }
}

function pageOf(
  methods: Readonly<Record<string, { steps: readonly StepEvent[]; evals: readonly EvalEvent[] }>>,
): MetricsPage {
  const out: MetricsPage = { methods: {} };
  for (const [id, m] of Object.entries(methods)) {
    if (!m.steps.length && !m.evals.length) continue;
    out.methods[id] = {
      ...(m.steps.length ? { steps: packSteps(m.steps) } : {}),
      ...(m.evals.length ? { evals: m.evals.map(withoutFilters) } : {}),
    };
  }
  return out;
}
