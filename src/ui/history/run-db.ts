/**
 * Where run records live. The page uses IndexedDB (idb-run-db.ts); memory-run-db.ts stands in
 * where IndexedDB is missing (some private windows) and in unit tests. Summaries are listed
 * without the metrics, so opening the page stays fast however long the history grows.
 */
import type { RunRecord, RunSummary } from './run-record';

export interface RunDb {
  put(record: RunRecord): Promise<void>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  list(): Promise<RunSummary[]>;
  remove(id: string): Promise<void>;
  /** Whether records survive a reload (false for the in-memory stand-in). */
  readonly persistent: boolean;
}

export function newestFirst(a: RunSummary, b: RunSummary): number {
  return b.startedAt - a.startedAt;
}
