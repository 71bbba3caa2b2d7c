/** Run records in memory: the stand-in where IndexedDB is unavailable, and for unit tests. */
import { newestFirst, type RunDb } from './run-db';
import { summaryOf, type RunRecord, type RunSummary } from './run-record';

export class MemoryRunDb implements RunDb {
  readonly persistent = false;
  private readonly records = new Map<string, RunRecord>();

  async put(record: RunRecord): Promise<void> {
    this.records.set(record.id, structuredClone(record));
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const r = this.records.get(id);
    return r && structuredClone(r);
  }

  async list(): Promise<RunSummary[]> {
    return [...this.records.values()].map(summaryOf).sort(newestFirst);
  }

  async remove(id: string): Promise<void> {
    this.records.delete(id);
  }
}
