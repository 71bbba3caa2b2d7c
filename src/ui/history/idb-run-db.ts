/**
 * Run records in IndexedDB, with a few lines over the raw API rather than a dependency. Three
 * object stores: 'summaries' (keyed by run id, listed on every page load), 'metrics' (by run
 * id: the methods' headers; a version 1 record's whole histories) and 'pages' (by [run id,
 * page number]: the metrics appended by each save, run-pages.ts). A save is one transaction
 * over all three, so a summary never outlives its metrics.
 */
import { newestFirst, type RunDb, type RunWrite } from './run-db';
import { assembleRecord, type MetricsPage, type StoredHeaders, type StoredV1Metrics } from './run-pages';
import type { RunRecord, RunSummary } from './run-record';

const DB_NAME = 'fine-tune-playground';
/** 2 added 'pages' (record version 2); a version 1 database upgrades in place, its records kept. */
const DB_VERSION = 2;
const SUMMARIES = 'summaries';
const METRICS = 'metrics';
const PAGES = 'pages';

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

/** A run's pages, [id, from] up to (not including) [id, to]. */
function pagesOf(id: string, from = 0, to = Infinity): IDBKeyRange {
  return IDBKeyRange.bound([id, from], [id, to], false, true);
}

export async function openIdbRunDb(factory: IDBFactory = indexedDB): Promise<RunDb> {
  const req = factory.open(DB_NAME, DB_VERSION);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains(SUMMARIES)) db.createObjectStore(SUMMARIES, { keyPath: 'id' });
    if (!db.objectStoreNames.contains(METRICS)) db.createObjectStore(METRICS);
    if (!db.objectStoreNames.contains(PAGES)) db.createObjectStore(PAGES);
  };
  const db = await done(req);
  // A newer page (another tab, after an upgrade) needs the database: let go rather than block it.
  db.onversionchange = () => db.close();
  return new IdbRunDb(db);
}

class IdbRunDb implements RunDb {
  readonly persistent = true;
  constructor(private readonly db: IDBDatabase) {}

  async write(w: RunWrite): Promise<void> {
    const id = w.summary.id;
    const tx = this.db.transaction([SUMMARIES, METRICS, PAGES], 'readwrite');
    tx.objectStore(SUMMARIES).put(w.summary);
    tx.objectStore(METRICS).put(w.headers, id);
    if (w.page) {
      const pages = tx.objectStore(PAGES);
      if (w.page.replaces && w.page.seq > 0) pages.delete(pagesOf(id, 0, w.page.seq));
      pages.put(w.page.data, [id, w.page.seq]);
    }
    await committed(tx);
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const tx = this.db.transaction([SUMMARIES, METRICS, PAGES], 'readonly');
    const [summary, metrics, pages] = await Promise.all([
      done(tx.objectStore(SUMMARIES).get(id) as IDBRequest<RunSummary | undefined>),
      done(tx.objectStore(METRICS).get(id) as IDBRequest<StoredHeaders | StoredV1Metrics | undefined>),
      // getAll returns values in key order: pages by number.
      done(tx.objectStore(PAGES).getAll(pagesOf(id)) as IDBRequest<MetricsPage[]>),
    ]);
    return summary && assembleRecord(summary, metrics, pages);
  }

  async list(): Promise<RunSummary[]> {
    const tx = this.db.transaction(SUMMARIES, 'readonly');
    const all = await done(tx.objectStore(SUMMARIES).getAll() as IDBRequest<RunSummary[]>);
    return all.sort(newestFirst);
  }

  async remove(id: string): Promise<void> {
    const tx = this.db.transaction([SUMMARIES, METRICS, PAGES], 'readwrite');
    tx.objectStore(SUMMARIES).delete(id);
    tx.objectStore(METRICS).delete(id);
    tx.objectStore(PAGES).delete(pagesOf(id));
    await committed(tx);
  }
}
