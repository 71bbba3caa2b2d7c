/**
 * The page's one zustand store, built from typed slices as zustand's slices guide does: the
 * controls (config-slice.ts), what the worker reports (session-slice.ts), the run history
 * (saved-runs-slice.ts), the user's own images (own-data-slice.ts) and checkpoint (own-checkpoint-slice.ts),
 * the training workers and the run sequence (run-slice.ts). Actions live beside their
 * state; components select narrowly (useStore((s) => s.config.seed)); non-React code uses
 * useStore.getState(). Middleware, if any, goes here, on the combined store only.
 */
import { create } from 'zustand';
import type { ClientEvent } from '../worker-client/training-client';
import { createAlertsSlice, type AlertsSlice } from './alerts-slice';
import { createConfigSlice, type ConfigSlice } from './config-slice';
import { createSavedRunsSlice, savedRunsStart, type SavedRunsSlice } from './saved-runs-slice';
import { createOwnCheckpointSlice, type OwnCheckpointSlice } from './own-checkpoint-slice';
import { createOwnDataSlice, type OwnDataSlice } from './own-data-slice';
import { createPoolSlice, type PoolSlice } from './pool-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import {
  createSessionSlice,
  SESSION_START,
  type SeedTag,
  type SessionSlice,
} from './session-slice';

export interface WorkerEventsSlice {
  /**
   * Every worker event, in order: the session applies it, then the history records it (it
   * saves what the session now holds). With `tag`, an event of one of a worker pool's runs: the
   * history hears only its evaluations (periodic saves); the pool's own end is untagged.
   */
  receive: (e: ClientEvent, tag?: SeedTag) => void;
}

export type PlaygroundState = ConfigSlice &
  SessionSlice &
  SavedRunsSlice &
  OwnDataSlice &
  OwnCheckpointSlice &
  AlertsSlice &
  PoolSlice &
  RunSlice &
  WorkerEventsSlice;

export const useStore = create<PlaygroundState>()((...a) => ({
  ...createConfigSlice(...a),
  ...createSessionSlice(...a),
  ...createSavedRunsSlice(...a),
  ...createOwnDataSlice(...a),
  ...createOwnCheckpointSlice(...a),
  ...createAlertsSlice(...a),
  ...createPoolSlice(...a),
  ...createRunSlice(...a),
  receive: (e, tag) => {
    const [, get] = a;
    get().apply(e, tag);
    // Every worker's faults are alerts; the history saves the first seed's run (and evals).
    get().raise(e);
    if (!tag || e.type === 'eval') get().record(e);
  },
}));

/** Tests: a fresh session slice. */
export function resetSession(): void {
  useStore.setState({ ...SESSION_START, pool: null });
}

/** Tests: a fresh saved-runs slice. */
export function resetSavedRuns(): void {
  useStore.setState(savedRunsStart());
}
