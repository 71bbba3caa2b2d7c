/**
 * The session slice: what the UI knows about the worker session, folded from worker events.
 * Actions beside state; components read it with narrow selectors. A method's history keeps
 * every recent step event and a thinned sample of older ones (store/method-history-bounds.ts), so a
 * long run costs the page a bounded amount of memory; arrays are replaced, never mutated, so a
 * reference taken now is a snapshot (the saved-runs slice saves from one).
 */
import type { StateCreator } from 'zustand';
import type { BackendInfo, LoadedInfo, ProgressInfo, WorkerEvent } from '../../protocol/messages';
import type { ClientEvent } from '../worker-client/training-client';
import { foldRun } from './fold-run';
import type { MethodHistory } from './method-history';
import type { PlaygroundState } from './store';

/** What the page shows of the worker's state (the worker's own: worker/session-status.ts). */
export type PageStatus =
  'idle' | 'loading' | 'loaded' | 'running' | 'paused' | 'finished' | 'stopped' | 'failed';

/**
 * WebGPU's shaders compiling before a run's first step (worker/precompile-run.ts): how many
 * methods, and since when (Date.now() on arrival), so the page can count the seconds.
 */
export interface PreparingKernelsInfo {
  methods: number;
  since: number;
}

export interface SessionSlice {
  backend: BackendInfo | null;
  status: PageStatus;
  loadMessage: string;
  loaded: LoadedInfo | null;
  methods: Record<string, MethodHistory>;
  /**
   * Every seed of the current comparison: seed -> method id -> history (ui/store/seed-runs.ts
   * reads it). Empty while only one seed runs: `methods` is then that seed's.
   */
  seedRuns: Record<number, Record<string, MethodHistory>>;
  progress: ProgressInfo | null;
  /** Set from the worker's 'preparing-kernels' start until its 'done' or the first step. */
  preparing: PreparingKernelsInfo | null;
  error: Extract<WorkerEvent, { type: 'error' }> | null;
  crash: string | null;
  gradNorms: Extract<WorkerEvent, { type: 'grad-norms' }> | null;
  /** A past run shown from the history (its id), or null for this page's own runs. */
  viewing: string | null;
  /** A worker event; with `tag`, one of a worker pool's runs (applyTagged). */
  apply: (e: ClientEvent, tag?: SeedTag) => void;
  setStatus: (s: PageStatus) => void;
  clearRuns: () => void;
  /** Show a saved run's metrics in the table and charts (the worker is not involved). */
  show: (id: string, methods: Record<string, MethodHistory>, loaded: LoadedInfo | null) => void;
}

/** The slice's state at start (tests: resetSession()). */
export const SESSION_START = {
  backend: null,
  status: 'idle' as PageStatus,
  loadMessage: '',
  loaded: null,
  methods: {},
  seedRuns: {},
  progress: null,
  preparing: null,
  error: null,
  crash: null,
  gradNorms: null,
  viewing: null,
};

/**
 * A worker pool's event (ui/pool/worker-pool.ts): from the run of `seed`; `primary` when that
 * is the comparison's first seed, whose histories are also `methods` (the charts, exports, run
 * reuse and the saved history read those).
 */
export interface SeedTag {
  seed: number;
  primary: boolean;
}

/** A pool's event: its run's histories go to `seedRuns[seed]`; the page's status is the pool's. */
function applyTagged(s: SessionSlice, e: ClientEvent, tag: SeedTag): Partial<SessionSlice> {
  const runs = foldRun(s.seedRuns[tag.seed] ?? {}, e);
  if (runs) {
    const seedRuns = { ...s.seedRuns, [tag.seed]: runs };
    const live =
      e.type === 'metrics'
        ? {
            preparing: null,
            status: s.status === 'paused' ? ('paused' as const) : ('running' as const),
          }
        : {};
    return {
      seedRuns,
      ...(tag.primary ? { methods: runs } : {}),
      ...live,
      ...(e.type === 'error' ? { error: e } : {}),
    };
  }
  switch (e.type) {
    case 'paused':
      return { status: 'paused' };
    case 'resumed':
      return { status: 'running' };
    case 'preparing-kernels':
      return { preparing: e.phase === 'start' ? { methods: e.methods, since: Date.now() } : null };
    case 'crashed':
      return { crash: e.message };
    case 'error':
      return { error: e };
    default:
      return {}; // loads and each worker's run-done: the pool reports the whole
  }
}

export const createSessionSlice: StateCreator<PlaygroundState, [], [], SessionSlice> = (set) => ({
  ...SESSION_START,
  setStatus: (status) => set({ status }),
  clearRuns: () => set({ methods: {}, seedRuns: {}, progress: null, error: null, viewing: null }),
  show: (id, methods, loaded) =>
    set({ viewing: id, methods, seedRuns: {}, loaded, progress: null, error: null }),
  apply: (e, tag) =>
    set((s): Partial<SessionSlice> => {
      if (tag) return applyTagged(s, e, tag);
      switch (e.type) {
        case 'ready':
          return { backend: e.backend };
        case 'load-progress':
          return { status: 'loading', loadMessage: `${e.phase}: ${e.message}` };
        case 'preparing-kernels':
          return {
            preparing: e.phase === 'start' ? { methods: e.methods, since: Date.now() } : null,
          };
        case 'loaded':
          return { status: 'loaded', loaded: e.info, loadMessage: '', error: null };
        case 'metrics':
          // A step means the kernels are ready, even had their 'done' been lost.
          return {
            methods: foldRun(s.methods, e) ?? s.methods,
            progress: e.progress,
            preparing: null,
            status: s.status === 'paused' ? 'paused' : 'running',
          };
        case 'eval':
        case 'memory':
        case 'method-done':
          return { methods: foldRun(s.methods, e) ?? s.methods };
        case 'run-done':
          return { status: e.status, preparing: null };
        case 'paused':
          return { status: 'paused' };
        case 'resumed':
          return { status: 'running' };
        case 'grad-norms':
          return { gradNorms: e };
        case 'error': {
          // One method of a comparison failed: it is marked, the run goes on with the others.
          if (e.methodId && (s.status === 'running' || s.status === 'paused'))
            return { error: e, methods: foldRun(s.methods, e) ?? s.methods };
          return { error: e, preparing: null, status: s.status === 'loading' ? 'idle' : 'failed' };
        }
        case 'crashed':
          return { crash: e.message, preparing: null, status: 'failed' };
        case 'exported':
        case 'released':
        case 'samples':
        case 'images-imported':
        case 'checkpoint-checked':
        case 'project-exported':
          return {};
      }
    }),
});
