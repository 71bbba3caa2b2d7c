/**
 * The page's one zustand store, built from typed slices as zustand's slices guide does: the
 * controls (config-slice.ts), what the worker reports (session-slice.ts), the run history
 * (history-slice.ts) and the user's own images (own-data-slice.ts). Actions live beside their
 * state; components select narrowly (useStore((s) => s.config.seed)); non-React code uses
 * useStore.getState(). Middleware, if any, goes here, on the combined store only.
 */
import { create } from 'zustand';
import type { ClientEvent } from '../../worker/client';
import { createAlertsSlice, type AlertsSlice } from './alerts-slice';
import { createConfigSlice, type ConfigSlice } from './config-slice';
import { createHistorySlice, historyStart, type HistorySlice } from './history-slice';
import { createOwnDataSlice, type OwnDataSlice } from './own-data-slice';
import { createSessionSlice, SESSION_START, type SessionSlice } from './session-slice';

export interface WorkerEventsSlice {
  /**
   * Every worker event, in order: the session applies it, then the history records it (it
   * saves what the session now holds).
   */
  receive: (e: ClientEvent) => void;
}

export type PlaygroundState = ConfigSlice &
  SessionSlice &
  HistorySlice &
  OwnDataSlice &
  AlertsSlice &
  WorkerEventsSlice;

export const useStore = create<PlaygroundState>()((...a) => ({
  ...createConfigSlice(...a),
  ...createSessionSlice(...a),
  ...createHistorySlice(...a),
  ...createOwnDataSlice(...a),
  ...createAlertsSlice(...a),
  receive: (e) => {
    const [, get] = a;
    get().apply(e);
    get().raise(e);
    get().record(e);
  },
}));

/** Tests: a fresh session slice. */
export function resetSession(): void {
  useStore.setState({ ...SESSION_START });
}

/** Tests: a fresh history slice. */
export function resetHistory(): void {
  useStore.setState(historyStart());
}
