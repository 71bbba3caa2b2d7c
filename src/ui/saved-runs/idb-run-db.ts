/**
 * Run records in IndexedDB, with a few lines over the raw API rather than a dependency. Three
 * object stores: 'summaries' (keyed by run id, listed on every page load), 'metrics' (by run
 * id: the methods' headers; a version 1 record's whole histories) and 'pages' (by [run id,
 * page number]: the metrics appended by each save, run-pages.ts). A save is one transaction
 * over all three, so a summary never outlives its metrics.
 */
import { readRecord, sortStored, type RunKey, type RunList } from './read-stored';
import type { RawRun, RunDb, RunWrite } from './run-db';
import type { RunRecord } from './run-record';
import { MAX_LISTED } from './stored-limits';

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
    tx.onabort = () =>
      reject(tx.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
  });
}

/** A run's pages, [id, from] up to (not including) [id, to]. */
function pagesOf(id: RunKey, from = 0, to = Infinity): IDBKeyRange {
  return IDBKeyRange.bound([id, from], [id, to], false, true);
}

/** The last `max` entries by key (run ids begin with their start time: the newest runs). */
function lastEntries(
  store: IDBObjectStore,
  max: number,
): Promise<{ key: RunKey; value: unknown }[]> {
  return new Promise((resolve, reject) => {
    const out: { key: RunKey; value: unknown }[] = [];
    const req = store.openCursor(null, 'prev');
    req.onsuccess = () => {
      const c = req.result;
      if (!c || out.length >= max) return resolve(out);
      out.push({ key: c.primaryKey, value: c.value as unknown });
      c.continue();
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB cursor failed'));
  });
}

export async function openIdbRunDb(factory: IDBFactory = indexedDB): Promise<RunDb> {
  const req = factory.open(DB_NAME, DB_VERSION);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains(SUMMARIES))
      db.createObjectStore(SUMMARIES, { keyPath: 'id' });
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

  private async parts(key: RunKey): Promise<RawRun & { found: boolean }> {
    const tx = this.db.transaction([SUMMARIES, METRICS, PAGES], 'readonly');
    const [summary, metrics, pages] = await Promise.all([
      done(tx.objectStore(SUMMARIES).get(key) as IDBRequest<unknown>),
      done(tx.objectStore(METRICS).get(key) as IDBRequest<unknown>),
      // getAll returns values in key order: pages by number.
      done(tx.objectStore(PAGES).getAll(pagesOf(key)) as IDBRequest<unknown[]>),
    ]);
    return { summary, metrics, pages, found: summary !== undefined };
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const p = await this.parts(id);
    return p.found ? readRecord(id, p.summary, p.metrics, p.pages) : undefined;
  }

  async raw(key: RunKey): Promise<RawRun | undefined> {
    const { found, ...raw } = await this.parts(key);
    return found ? raw : undefined;
  }

  async list(): Promise<RunList> {
    const tx = this.db.transaction(SUMMARIES, 'readonly');
    const store = tx.objectStore(SUMMARIES);
    const [entries, total] = await Promise.all([
      lastEntries(store, MAX_LISTED),
      done(store.count()),
    ]);
    return sortStored(entries, Math.max(0, total - entries.length));
  }

  async remove(id: RunKey): Promise<void> {
    const tx = this.db.transaction([SUMMARIES, METRICS, PAGES], 'readwrite');
    tx.objectStore(SUMMARIES).delete(id);
    tx.objectStore(METRICS).delete(id);
    tx.objectStore(PAGES).delete(pagesOf(id));
    await committed(tx);
  }
}
