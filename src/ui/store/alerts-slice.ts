/**
 * The alerts slice: every error and crash the worker reported, until the user dismisses it
 * (alerts.ts says how they read). Fed by store.ts's `receive`, after the session slice.
 */
import type { StateCreator } from 'zustand';
import type { ClientEvent } from '../worker-client/training-client';
import { methodSpecs } from '../settings/to-commands';
import { alertOf, type Alert } from './alerts';
import type { PlaygroundState } from './store';

export interface AlertsSlice {
  alerts: Alert[];
  /** Keeps the alert an event raises (an error, a crash), if any. */
  raise: (e: ClientEvent) => void;
  dismissAlerts: (ids: readonly number[]) => void;
}

export const createAlertsSlice: StateCreator<PlaygroundState, [], [], AlertsSlice> = (set) => ({
  alerts: [],
  raise: (e) =>
    set((s) => {
      // The run's controls are locked while it trains: the config now is the one it runs with.
      const method = (id: string): { label: string; lr: number } | undefined => {
        const m = methodSpecs(s.config).find((x) => x.id === id);
        return m && { label: m.label, lr: m.optimizer.lr };
      };
      const alert = alertOf(e, (s.alerts.at(-1)?.id ?? 0) + 1, method);
      return alert ? { alerts: [...s.alerts, alert] } : {};
    }),
  dismissAlerts: (ids) => set((s) => ({ alerts: s.alerts.filter((a) => !ids.includes(a.id)) })),
});
