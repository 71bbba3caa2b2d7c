/**
 * Run records in IndexedDB, with a few lines over the raw API rather than a dependency. Two
 * object stores keyed by run id: 'summaries' (listed on every page load) and 'metrics' (the
 * full histories, read when a run is reopened or exported). Both are written in one
 * transaction so a summary never outlives its metrics.
 */
import { newestFirst, type RunDb } from './run-db';
import { summaryOf, type RunRecord, type RunSummary } from './run-record';
import type { MethodHistory } from '../store/session-store';

const DB_NAME = 'fine-tune-playground';
const DB_VERSION = 1;
const SUMMARIES = 'summaries';
const METRICS = 'metrics';

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
  });
}

export async function openIdbRunDb(factory: IDBFactory = indexedDB): Promise<RunDb> {
  const req = factory.open(DB_NAME, DB_VERSION);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains(SUMMARIES)) db.createObjectStore(SUMMARIES, { keyPath: 'id' });
    if (!db.objectStoreNames.contains(METRICS)) db.createObjectStore(METRICS);
  };
  const db = await done(req);
  // A newer page (another tab, after an upgrade) needs the database: let go rather than block it.
  db.onversionchange = () => db.close();
  return new IdbRunDb(db);
}

class IdbRunDb implements RunDb {
  readonly persistent = true;
  constructor(private readonly db: IDBDatabase) {}

  async put(record: RunRecord): Promise<void> {
    const tx = this.db.transaction([SUMMARIES, METRICS], 'readwrite');
    tx.objectStore(SUMMARIES).put(summaryOf(record));
    tx.objectStore(METRICS).put(record.methods, record.id);
    await committed(tx);
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const tx = this.db.transaction([SUMMARIES, METRICS], 'readonly');
    const [summary, methods] = await Promise.all([
      done(tx.objectStore(SUMMARIES).get(id) as IDBRequest<RunSummary | undefined>),
      done(tx.objectStore(METRICS).get(id) as IDBRequest<Record<string, MethodHistory> | undefined>),
    ]);
    return summary && { ...summary, methods: methods ?? {} };
  }

  async list(): Promise<RunSummary[]> {
    const tx = this.db.transaction(SUMMARIES, 'readonly');
    const all = await done(tx.objectStore(SUMMARIES).getAll() as IDBRequest<RunSummary[]>);
    return all.sort(newestFirst);
  }

  async remove(id: string): Promise<void> {
    const tx = this.db.transaction([SUMMARIES, METRICS], 'readwrite');
    tx.objectStore(SUMMARIES).delete(id);
    tx.objectStore(METRICS).delete(id);
    await committed(tx);
  }
}
