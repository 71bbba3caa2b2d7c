/**
 * Where run records live. The page uses IndexedDB (idb-run-db.ts); memory-run-db.ts stands in
 * where IndexedDB is missing (some private windows) and in unit tests. Summaries are listed
 * without the metrics, so opening the page stays fast however long the history grows. A save
 * writes the summary, the methods' headers and at most one page of new metrics (run-pages.ts).
 */
import type { RunKey, RunList } from './read-stored';
import type { MetricsPage, StoredHeaders } from './run-pages';
import type { RunRecord, RunSummary } from './run-record';

export interface RunWrite {
  summary: RunSummary;
  headers: StoredHeaders;
  /** New metrics, stored as page `seq` of the run; with `replaces`, pages before it are dropped. */
  page?: { seq: number; data: MetricsPage; replaces: boolean };
}

export interface RunDb {
  /** One transaction: a summary never outlives its metrics, nor a page its run. */
  write(w: RunWrite): Promise<void>;
  /**
   * The whole record, checked and reassembled (read-stored.ts, run-pages.ts); version 1 records
   * too. Throws a DamagedRecordError when a stored part fails its checks.
   */
  get(id: string): Promise<RunRecord | undefined>;
  /** The runs, newest first, and the damaged records apart (read-stored.ts). */
  list(): Promise<RunList>;
  /** A record's parts as stored, unchecked (a damaged record's "Export raw"). */
  raw(key: RunKey): Promise<RawRun | undefined>;
  remove(key: RunKey): Promise<void>;
  /** Whether records survive a reload (false for the in-memory stand-in). */
  readonly persistent: boolean;
}

/** A record as storage holds it. */
export interface RawRun {
  summary: unknown;
  metrics: unknown;
  pages: unknown[];
}

export function newestFirst(a: RunSummary, b: RunSummary): number {
  return b.startedAt - a.startedAt;
}
