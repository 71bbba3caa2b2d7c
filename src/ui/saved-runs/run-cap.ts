/**
 * How many runs the page keeps. Each saved run is bounded (method-history-bounds.ts: a 100,000-step
 * four-method comparison saves 3.4 MB; the default lesson a few hundred KB), so 50 runs are at
 * most ~170 MB of the browser's storage and usually a few MB, and 50 rows are still a list a
 * person reads through. Beyond that a history is better kept as exports (metrics JSON, CSV).
 *
 * At the cap the panel says so before anything happens and names the run that goes next, with a
 * button to delete it now (saved-runs-panel.tsx); starting another run then deletes the oldest
 * ones to make room and the panel names what went. A user who starts a run expects it to be
 * kept, and expects training not to be blocked by bookkeeping: so the run starts, and nothing
 * is deleted without the page having said which run, and saying again that it did. Damaged
 * records count towards the cap but are never deleted for room: only the user can judge them
 * (their Export raw keeps what is left).
 */
import type { RunSummary } from './run-record';

export const RUN_CAP = 50;

/**
 * The runs to delete so that one more fits under `cap`, oldest first: never the run this page is
 * doing now. `runs` newest first (as listed), `damaged` the count of damaged records.
 */
export function runsToMakeRoom(
  runs: readonly RunSummary[],
  damaged: number,
  activeId: string | null,
  cap = RUN_CAP,
): RunSummary[] {
  const excess = runs.length + damaged + 1 - cap;
  if (excess <= 0) return [];
  return runs
    .filter((r) => r.id !== activeId)
    .reverse()
    .slice(0, excess);
}

/** The run the next start would delete, when the history is at its cap (null below it). */
export function nextToGo(
  runs: readonly RunSummary[],
  damaged: number,
  activeId: string | null,
  cap = RUN_CAP,
): RunSummary | null {
  return runsToMakeRoom(runs, damaged, activeId, cap)[0] ?? null;
}
