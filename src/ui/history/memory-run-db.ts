/**
 * Run records in memory: the stand-in where IndexedDB is unavailable, and for unit tests. The
 * same three stores as idb-run-db.ts (summaries, metrics, pages), cloned in and out as
 * IndexedDB would, so a test exercises the same layout and reassembly.
 */
import { newestFirst, type RunDb, type RunWrite } from './run-db';
import { assembleRecord, type MetricsPage, type StoredHeaders, type StoredV1Metrics } from './run-pages';
import type { RunRecord, RunSummary } from './run-record';

export class MemoryRunDb implements RunDb {
  readonly persistent = false;
  readonly summaries = new Map<string, RunSummary>();
  readonly metrics = new Map<string, StoredHeaders | StoredV1Metrics>();
  /** By run id: pages by number. */
  readonly pages = new Map<string, Map<number, MetricsPage>>();

  async write(w: RunWrite): Promise<void> {
    const id = w.summary.id;
    this.summaries.set(id, structuredClone(w.summary));
    this.metrics.set(id, structuredClone(w.headers));
    if (!w.page) return;
    const pages = this.pages.get(id) ?? new Map<number, MetricsPage>();
    if (w.page.replaces) for (const seq of pages.keys()) if (seq < w.page.seq) pages.delete(seq);
    pages.set(w.page.seq, structuredClone(w.page.data));
    this.pages.set(id, pages);
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const summary = this.summaries.get(id);
    if (!summary) return undefined;
    const pages = [...(this.pages.get(id) ?? new Map<number, MetricsPage>()).entries()].sort(([a], [b]) => a - b).map(([, p]) => structuredClone(p));
    return assembleRecord(structuredClone(summary), structuredClone(this.metrics.get(id)), pages);
  }

  async list(): Promise<RunSummary[]> {
    return [...this.summaries.values()].map((s) => structuredClone(s)).sort(newestFirst);
  }

  async remove(id: string): Promise<void> {
    this.summaries.delete(id);
    this.metrics.delete(id);
    this.pages.delete(id);
  }
}
