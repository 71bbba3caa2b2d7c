/**
 * Writing stored runs straight into the app's IndexedDB, as an older page (record version 1) or
 * a damaged one left them, before the app opens the database: the e2e tests of the run history's
 * upgrade and of its damaged records share it.
 */
import type { Opened } from '../../src/cli/chromium';

/** One stored run: its summary (any object with an `id`), its 'metrics' value, its first page. */
export interface SeedRecord {
  summary: object;
  metrics: unknown;
  /** Written to 'pages' under [id, 0] (database version 2 only). */
  page?: unknown;
}

/**
 * Opens `${baseUrl}${path}`, a page of the origin that runs no app code (and asks for no
 * favicon), and writes `records` into the database 'fine-tune-playground' at `version` (1:
 * 'summaries' and 'metrics'; 2 adds 'pages'), creating its stores as that version did.
 */
export async function seedHistory(
  b: Opened,
  baseUrl: string,
  path: string,
  version: 1 | 2,
  records: readonly SeedRecord[],
): Promise<void> {
  const seed = `${baseUrl}${path}`;
  await b.context.route(seed, (r) =>
    r.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>seed</title><link rel="icon" href="data:,">',
    }),
  );
  await b.page.goto(seed);
  await b.page.evaluate(
    ([v, rs]) =>
      new Promise<void>((resolve, reject) => {
        const names = v === 1 ? ['summaries', 'metrics'] : ['summaries', 'metrics', 'pages'];
        const req = indexedDB.open('fine-tune-playground', v);
        req.onupgradeneeded = () => {
          req.result.createObjectStore('summaries', { keyPath: 'id' });
          for (const name of names.slice(1)) req.result.createObjectStore(name);
        };
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(names, 'readwrite');
          for (const r of rs) {
            const id = (r.summary as { id: string }).id;
            tx.objectStore('summaries').put(r.summary);
            tx.objectStore('metrics').put(r.metrics, id);
            if (r.page !== undefined) tx.objectStore('pages').put(r.page, [id, 0]);
          }
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [version, records] as const,
  );
  await b.context.unroute(seed);
}
