/**
 * The history slice: past runs (summaries from the run database) and the run this page is doing
 * now. `begin` writes a 'running' record when a run starts; `record` is fed every worker event
 * after the session slice has applied it (store.ts `receive`) and saves the metrics at the end of the run (and at
 * most every few seconds on evaluations, so a run cut off by a closed page keeps most of its
 * curves). A save appends only what came since the last one (saved-runs/run-saver.ts), and it
 * waits for the main thread to be idle: the event handler only takes a reference to the
 * session's (immutable) histories. Writes go one after another through `saving`, never out of
 * order.
 */
import type { StateCreator } from 'zustand';
import type { ClientEvent } from '../worker-client/training-client';
import { DamagedRecordError, type DamagedRun, type RunKey } from '../saved-runs/read-stored';
import type { RunDb } from '../saved-runs/run-db';
import {
  newRunId,
  RECORD_VERSION,
  resultsOf,
  type RunRecord,
  type RunSummary,
  type StoredStatus,
} from '../saved-runs/run-record';
import { RunSaver } from '../saved-runs/run-saver';
import type { Config } from '../settings/settings-table';
import type { MethodHistory } from './method-history';
import type { SessionSlice } from './session-slice';
import type { PlaygroundState } from './store';
import { listed, writesOf, type GetState, type SetState, type Writes } from './saved-runs-writes';

/** Partial saves during a run at most this often (each writes the headers and what is new). */
const SAVE_EVERY_MS = 5000;

/** The slice's state at start (tests: resetSavedRuns()). */
export function savedRunsStart(): Pick<
  SavedRunsSlice,
  | 'db'
  | 'runs'
  | 'damaged'
  | 'unlisted'
  | 'madeRoom'
  | 'active'
  | 'pageRun'
  | 'saver'
  | 'lastSave'
  | 'saving'
  | 'failure'
> {
  return {
    db: null,
    runs: [],
    damaged: [],
    unlisted: 0,
    madeRoom: [],
    active: null,
    pageRun: null,
    saver: null,
    lastSave: 0,
    saving: Promise.resolve(),
    failure: null,
  };
}

export interface SavedRunsSlice {
  db: RunDb | null;
  runs: RunSummary[];
  /** Stored records that fail their checks (saved-runs/read-stored.ts): listed apart, never shown. */
  damaged: DamagedRun[];
  /** Records in storage beyond those listed. */
  unlisted: number;
  /** The runs the last start deleted to stay under the cap (saved-runs/run-cap.ts), for the panel to name. */
  madeRoom: RunSummary[];
  active: RunSummary | null;
  /** The record of the last run this page started, as begun (kept after it ends): what the exports describe. */
  pageRun: RunSummary | null;
  /** What the active run has saved so far (null between runs). */
  saver: RunSaver | null;
  lastSave: number;
  /** Resolves when every write queued so far is done (tests, and before a reload). */
  saving: Promise<void>;
  failure: string | null;
  attach: (db: RunDb) => Promise<void>;
  begin: (config: Config, hash: string, now?: number) => void;
  record: (e: ClientEvent, now?: number) => void;
  remove: (key: RunKey) => Promise<void>;
  /** The whole record; a damaged one moves to `damaged` and throws its DamagedRecordError. */
  load: (id: string) => Promise<RunRecord | undefined>;
}

/** The run's summary now, and a reference to the session's histories (a snapshot: never mutated). */
function snapshot(
  s: SessionSlice,
  active: RunSummary,
  status: StoredStatus,
  now: number,
  error?: string,
): { summary: RunSummary; methods: Record<string, MethodHistory> } {
  const methods = s.methods;
  const summary: RunSummary = {
    ...active,
    status,
    ...(status === 'running' ? {} : { endedAt: now }),
    ...(error ? { error } : {}),
    loaded: s.loaded ?? active.loaded,
    ...(s.backend ? { backend: s.backend.name } : {}),
    results: resultsOf(methods, s.loaded?.oodMetric === 'worst-group-accuracy'),
  };
  return { summary, methods };
}

/** The run this page is doing: `begin` at its start, `record` on each worker event. */
function runRecordActions(
  set: SetState,
  get: GetState,
  { write, makeRoom }: Writes,
): Pick<SavedRunsSlice, 'begin' | 'record'> {
  return {
    begin: (config, hash, now = Date.now()) => {
      const s = get();
      const active: RunSummary = {
        version: RECORD_VERSION,
        id: newRunId(now),
        startedAt: now,
        status: 'running',
        hash,
        config,
        loaded: s.loaded,
        ...(s.backend ? { backend: s.backend.name } : {}),
        results: [],
      };
      makeRoom();
      set({ active, pageRun: active, saver: new RunSaver(), lastSave: now });
      write({ summary: active, methods: s.methods });
    },
    record: (e, now = Date.now()) => {
      const { active, lastSave } = get();
      if (!active) return;
      if (e.type === 'run-done' || e.type === 'crashed') {
        const status = e.type === 'run-done' ? e.status : 'failed';
        const err =
          e.type === 'crashed'
            ? `the training worker crashed: ${e.message}`
            : (get().error?.error.message ?? undefined);
        write(snapshot(get(), active, status, now, status === 'failed' ? err : undefined));
        set({ active: null, saver: null });
      } else if (e.type === 'error' && !e.recoverable && Object.keys(get().methods).length === 0) {
        // Refused before any method began (e.g. the worker was busy): no run-done will follow.
        write(snapshot(get(), active, 'failed', now, e.error.message));
        set({ active: null, saver: null });
      } else if (e.type === 'eval' && now - lastSave >= SAVE_EVERY_MS) {
        write(snapshot(get(), active, 'running', now));
        set({ lastSave: now });
      }
    },
  };
}

/** The stored history: open it, delete a run, read one whole record. */
function historyActions(
  set: SetState,
  get: GetState,
): Pick<SavedRunsSlice, 'attach' | 'remove' | 'load'> {
  return {
    attach: async (db) => {
      set({ db });
      try {
        set(listed(await db.list()));
      } catch (e) {
        set({ failure: `Could not read the run history: ${(e as Error).message}` });
      }
    },
    remove: async (key) => {
      const db = get().db;
      if (!db) return;
      await get().saving;
      try {
        await db.remove(key);
        set({ ...listed(await db.list()), madeRoom: get().madeRoom.filter((r) => r.id !== key) });
      } catch (e) {
        set({ failure: `Could not delete the run: ${(e as Error).message}` });
      }
    },
    load: async (id) => {
      try {
        return await get().db?.get(id);
      } catch (e) {
        if (e instanceof DamagedRecordError) {
          const run = get().runs.find((r) => r.id === id);
          const damaged: DamagedRun = {
            key: id,
            reason: e.reason,
            ...(run ? { startedAt: run.startedAt } : {}),
          };
          set((s) => ({
            runs: s.runs.filter((r) => r.id !== id),
            damaged: [damaged, ...s.damaged.filter((d) => d.key !== id)],
          }));
        }
        throw e;
      }
    },
  };
}

export const createSavedRunsSlice: StateCreator<PlaygroundState, [], [], SavedRunsSlice> = (
  set,
  get,
) => ({
  ...savedRunsStart(),
  ...historyActions(set, get),
  ...runRecordActions(set, get, writesOf(set, get)),
});
