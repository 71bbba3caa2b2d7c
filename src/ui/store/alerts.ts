/**
 * The page's alerts: every error and crash the worker reports, kept until the user dismisses it
 * (a later one no longer replaces an earlier one). Methods that diverged at the same learning
 * rate are told in one alert ("SGD and SGD freeze-embed share the rate 10 and both diverged"):
 * the rate, not each method, is what to change.
 */
import type { WorkerEvent } from '../../protocol/messages';
import type { ClientEvent } from '../worker-client/training-client';

type ErrorEvent = Extract<WorkerEvent, { type: 'error' }>;

export interface Alert {
  /** Arrival order; what dismiss names. */
  id: number;
  /** The worker's error (a lost device's alert offers to continue from it), or a crash. */
  error?: ErrorEvent;
  crash?: string;
  /** A method that stopped on its own: its id, label, and the rate it ran with. */
  method?: { id: string; label: string; lr?: number };
}

/** What one shown alert says; `ids` are the alerts it stands for (dismissed together). */
export interface ShownAlert {
  ids: number[];
  text: string;
  /** The error behind it, when there is exactly one (its kind, its continue buttons). */
  error?: ErrorEvent;
  crash?: boolean;
}

/** The alert an event raises, or null; `method` looks up a method's label and rate. */
export function alertOf(
  e: ClientEvent,
  id: number,
  method: (methodId: string) => { label: string; lr?: number } | undefined,
): Alert | null {
  if (e.type === 'crashed') return { id, crash: e.message };
  if (e.type !== 'error') return null;
  const m = e.methodId ? method(e.methodId) : undefined;
  return {
    id,
    error: e,
    ...(e.methodId
      ? {
          method: {
            id: e.methodId,
            label: m?.label ?? e.methodId,
            ...(m?.lr !== undefined ? { lr: m.lr } : {}),
          },
        }
      : {}),
  };
}

/** "A", "A and B", "A, B and C". */
export function listText(xs: readonly string[]): string {
  return xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
}

const crashText = (message: string): string =>
  `The training worker crashed (${message}); it was restarted and your results so far are kept.`;

/** Alerts as shown, oldest first: diverged methods at one shared rate merged into one. */
export function shownAlerts(alerts: readonly Alert[]): ShownAlert[] {
  const byRate = new Map<number, Alert[]>();
  for (const a of alerts) {
    if (a.error?.kind === 'diverged' && a.method?.lr !== undefined)
      byRate.set(a.method.lr, [...(byRate.get(a.method.lr) ?? []), a]);
  }
  const out: ShownAlert[] = [];
  const merged = new Set<number>();
  for (const a of alerts) {
    if (merged.has(a.id)) continue;
    const group =
      a.method?.lr !== undefined && a.error?.kind === 'diverged'
        ? (byRate.get(a.method.lr) ?? [])
        : [];
    if (group.length > 1) {
      for (const g of group) merged.add(g.id);
      const steps = group.map((g) => g.error?.step).filter((s): s is number => s !== undefined);
      const labels = group.map((g) => g.method?.label ?? '');
      const both = group.length === 2 ? 'both' : 'all';
      const at = steps.length === group.length ? ` (at steps ${listText(steps.map(String))})` : '';
      out.push({
        ids: group.map((g) => g.id),
        text: `${listText(labels)} share the rate ${a.method?.lr} and ${both} diverged${at}: lower it and run again; the other methods went on.`,
      });
    } else if (a.crash !== undefined) {
      out.push({ ids: [a.id], text: crashText(a.crash), crash: true });
    } else if (a.error) {
      out.push({ ids: [a.id], text: a.error.error.message, error: a.error });
    }
  }
  return out;
}
