/**
 * A run as the history keeps it: the configuration it ran with (and its link), what was
 * loaded, and every method's metrics (within method-history-bounds.ts's limits). Plain data; saved
 * as a summary, a header and pages of metrics (run-pages.ts), exported as JSON
 * (export/metrics-json.ts). A record is written as 'running' when the run starts and updated
 * as it goes and when it ends, so one still 'running' after a reload was cut off by the page
 * closing.
 */
import type { LoadedInfo } from '../../protocol/messages';
import type { Config } from '../settings/settings-table';
import type { MethodHistory } from '../store/method-history';

/** 2: metrics saved as a header and appended pages (run-pages.ts). 1: one value with every event; still read. */
export const RECORD_VERSION = 2;

export type StoredStatus = 'running' | 'finished' | 'stopped' | 'failed';
export type ShownStatus = StoredStatus | 'interrupted';

export interface RunSummary {
  version: number;
  id: string;
  startedAt: number;
  endedAt?: number;
  status: StoredStatus;
  /** The URL hash of its configuration: a link that sets the same controls. */
  hash: string;
  config: Config;
  loaded: LoadedInfo | null;
  backend?: string;
  error?: string;
  /** Per method: steps done, and the last evaluation's ID and OOD accuracy. */
  results: MethodResult[];
}

export interface MethodResult {
  methodId: string;
  steps: number;
  id?: number;
  ood?: number;
}

export interface RunRecord extends RunSummary {
  methods: Record<string, MethodHistory>;
}

export function newRunId(now: number, rand: () => number = Math.random): string {
  return `${new Date(now).toISOString().replace(/[:.]/g, '-')}-${Math.floor(rand() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
}

export function resultsOf(
  methods: Record<string, MethodHistory>,
  worstGroup: boolean,
): MethodResult[] {
  return Object.entries(methods).map(([methodId, m]) => {
    const e = m.evals.at(-1);
    return {
      methodId,
      steps: m.steps.at(-1)?.step ?? 0,
      ...(e
        ? {
            id: e.id.accuracy,
            ood: worstGroup ? (e.ood.worstGroup ?? e.ood.accuracy) : e.ood.accuracy,
          }
        : {}),
    };
  });
}

export function summaryOf(r: RunRecord): RunSummary {
  const { methods: _methods, ...summary } = r;
  return summary;
}

/** 'running' means cut off, unless it is the run this page is doing now. */
export function shownStatus(r: RunSummary, activeId: string | null): ShownStatus {
  return r.status === 'running' && r.id !== activeId ? 'interrupted' : r.status;
}
