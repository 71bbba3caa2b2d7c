/**
 * The history slice's write queue (saved-runs-slice.ts): every database write of a run's record,
 * and every deletion that makes room under the cap, goes through the store's `saving` promise,
 * one after another, never out of order; a write waits for the main thread to be idle.
 */
import type { StateCreator } from 'zustand';
import type { RunList } from '../saved-runs/read-stored';
import { runsToMakeRoom } from '../saved-runs/run-cap';
import type { RunSummary } from '../saved-runs/run-record';
import type { MethodHistory } from './method-history';
import type { SavedRunsSlice } from './saved-runs-slice';
import type { PlaygroundState } from './store';

/** Resolves once the main thread is idle (or after a second at most); at once where there is no idle callback (Node). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
}

/** The slice fields a listing of the database fills. */
export const listed = (l: RunList): Pick<SavedRunsSlice, 'runs' | 'damaged' | 'unlisted'> => ({
  runs: l.runs,
  damaged: l.damaged,
  unlisted: l.unlisted,
});

export type SetState = Parameters<StateCreator<PlaygroundState, [], [], SavedRunsSlice>>[0];
export type GetState = () => PlaygroundState;

/** The write queue: every database write goes through `saving`, one after another. */
export interface Writes {
  write: (snap: { summary: RunSummary; methods: Record<string, MethodHistory> }) => void;
  /** Deletes the oldest runs so that the one starting fits under the cap; queued before its first write. */
  makeRoom: () => void;
}

export function writesOf(set: SetState, get: GetState): Writes {
  const write: Writes['write'] = ({ summary, methods }) => {
    const { db, saver } = get();
    if (!db || !saver) return;
    // What to write is worked out in one idle moment and written (IndexedDB clones it in put,
    // on the main thread) in the next: two short tasks, not one long one (issue #25 item 4).
    const saving = get()
      .saving.then(whenIdle)
      .then(() => saver.next(methods))
      .then((parts) =>
        whenIdle().then(() =>
          db.write({ summary, ...parts }).catch((e: unknown) => {
            saver.writeFailed();
            throw e;
          }),
        ),
      )
      .then(() => db.list())
      .then((list) => set({ ...listed(list), failure: null }))
      .catch((e: unknown) =>
        set({ failure: `Could not save the run history: ${(e as Error).message}` }),
      );
    set({ saving });
  };
  const makeRoom = (): void => {
    const { db, runs, damaged } = get();
    const gone = runsToMakeRoom(runs, damaged.length, null);
    set({ madeRoom: gone });
    if (!db || gone.length === 0) return;
    const saving = get()
      .saving.then(async () => {
        for (const r of gone) await db.remove(r.id);
      })
      .catch((e: unknown) =>
        set({ failure: `Could not delete the oldest runs: ${(e as Error).message}` }),
      );
    set({ saving });
  };
  return { write, makeRoom };
}
