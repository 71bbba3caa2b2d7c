/**
 * Run records in memory: the stand-in where IndexedDB is unavailable, and for unit tests. The
 * same three stores as idb-run-db.ts (summaries, metrics, pages), cloned in and out as
 * IndexedDB would, so a test exercises the same layout and reassembly.
 */
import { readRecord, sortStored, type RunKey, type RunList } from './read-stored';
import type { RawRun, RunDb, RunWrite } from './run-db';
import type { RunRecord } from './run-record';
import { MAX_LISTED } from './stored-limits';

/**
 * What the stores hold is `unknown`, as what IndexedDB gives back is: whatever was put there,
 * by this page or not (a test puts damaged records in directly).
 */
export class MemoryRunDb implements RunDb {
  readonly persistent = false;
  readonly summaries = new Map<RunKey, unknown>();
  readonly metrics = new Map<RunKey, unknown>();
  /** By run id: pages by number. */
  readonly pages = new Map<RunKey, Map<number, unknown>>();

  async write(w: RunWrite): Promise<void> {
    const id = w.summary.id;
    this.summaries.set(id, structuredClone(w.summary));
    this.metrics.set(id, structuredClone(w.headers));
    if (!w.page) return;
    const pages = this.pages.get(id) ?? new Map<number, unknown>();
    if (w.page.replaces) for (const seq of pages.keys()) if (seq < w.page.seq) pages.delete(seq);
    pages.set(w.page.seq, structuredClone(w.page.data));
    this.pages.set(id, pages);
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const raw = await this.raw(id);
    return raw && readRecord(id, raw.summary, raw.metrics, raw.pages);
  }

  async raw(key: RunKey): Promise<RawRun | undefined> {
    if (!this.summaries.has(key)) return undefined;
    const pages = [...(this.pages.get(key) ?? new Map<number, unknown>()).entries()]
      .sort(([a], [b]) => a - b)
      .map(([, p]) => structuredClone(p));
    return {
      summary: structuredClone(this.summaries.get(key)),
      metrics: structuredClone(this.metrics.get(key)),
      pages,
    };
  }

  async list(): Promise<RunList> {
    const entries = [...this.summaries.entries()].map(([key, value]) => ({
      key,
      value: structuredClone(value),
    }));
    // As IndexedDB: the last MAX_LISTED by key (ids begin with the start time).
    entries.sort((a, b) =>
      String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0,
    );
    const listed = entries.slice(-MAX_LISTED);
    return sortStored(listed, entries.length - listed.length);
  }

  async remove(id: RunKey): Promise<void> {
    this.summaries.delete(id);
    this.metrics.delete(id);
    this.pages.delete(id);
  }
}
