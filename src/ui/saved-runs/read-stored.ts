/**
 * Reading runs back from storage: every value is checked (check-summary.ts, check-metrics.ts)
 * before the page sees it. A record that fails is not dropped: it is listed as damaged, with the
 * reason, for the user to export as it is or delete (saved-runs-panel.tsx), while the other runs
 * and the rest of the page go on working.
 */
import { checkV1, checkV2 } from './check-metrics';
import { checkSummary } from './check-summary';
import { newestFirst } from './run-db';
import { assembleRecord } from './run-pages';
import type { RunRecord, RunSummary } from './run-record';
import { problemOf } from './stored-checks';

/** A record's key in storage: its id when it has one (IndexedDB keys 'summaries' by `id`). */
export type RunKey = IDBValidKey;

export interface DamagedRun {
  key: RunKey;
  /** What is wrong, naming the field ("results: expected an array, found an object"). */
  reason: string;
  /** When it started, where that much is readable (for the list's order and its label). */
  startedAt?: number;
}

export interface RunList {
  /** Newest first. */
  runs: RunSummary[];
  damaged: DamagedRun[];
  /** Records in storage beyond those read (stored-limits.ts MAX_LISTED). */
  unlisted: number;
}

/** A stored record whose metrics fail their checks (found when it is opened). */
export class DamagedRecordError extends Error {
  constructor(
    readonly key: RunKey,
    readonly reason: string,
  ) {
    super(`this saved run is damaged (${reason})`);
    this.name = 'DamagedRecordError';
  }
}

const startedAtOf = (v: unknown): number | undefined => {
  const t =
    typeof v === 'object' && v !== null ? (v as { startedAt?: unknown }).startedAt : undefined;
  return typeof t === 'number' && Number.isFinite(t) ? t : undefined;
};

/** Stored summaries, by key, sorted into the runs the page can use and the damaged ones. */
export function sortStored(
  entries: readonly { key: RunKey; value: unknown }[],
  unlisted = 0,
): RunList {
  const runs: RunSummary[] = [];
  const damaged: DamagedRun[] = [];
  for (const { key, value } of entries) {
    let summary: RunSummary | undefined;
    const reason = problemOf(() => (summary = checkSummary(value)));
    if (reason !== null || !summary) {
      const startedAt = startedAtOf(value);
      damaged.push({
        key,
        reason: reason ?? 'unreadable',
        ...(startedAt === undefined ? {} : { startedAt }),
      });
    } else runs.push(summary);
  }
  damaged.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
  return { runs: runs.sort(newestFirst), damaged, unlisted };
}

function assembleChecked(summary: unknown, metrics: unknown, pages: unknown): RunRecord {
  const s = checkSummary(summary);
  if (s.version < 2) return assembleRecord(s, checkV1(metrics), []);
  const v2 = checkV2(metrics, pages);
  return assembleRecord(s, v2.headers, v2.pages);
}

/** A whole record from its stored parts, checked; throws DamagedRecordError naming what is wrong. */
export function readRecord(
  key: RunKey,
  summary: unknown,
  metrics: unknown,
  pages: unknown,
): RunRecord {
  let record: RunRecord | undefined;
  const reason = problemOf(() => (record = assembleChecked(summary, metrics, pages)));
  if (reason !== null || !record) throw new DamagedRecordError(key, reason ?? 'unreadable');
  return record;
}
