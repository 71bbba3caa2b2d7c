/**
 * The browser benches' one setup: Chromium must be there, the site is built with the `?test`
 * hook (src/ui/test-hooks.ts: the page is driven through it, so never the deployed dist/) and
 * served by `vite preview` on a free port, closed when the bench is done.
 */
import { preview } from 'vite';
import { buildSite, TEST_SITE_DIR } from '../build-site';
import { hasChromium } from '../chromium';

export interface ServedSite {
  url: string;
  close: () => Promise<void>;
}

/** Checks for Chromium, then builds the test site (`wasmThreads` as build-site.ts takes it). */
export function buildTestSite(what: string, opts: { wasmThreads?: boolean } = {}): void {
  if (!hasChromium)
    throw new Error(`${what} needs Chromium at /usr/bin/chromium (apt-get install -y chromium)`);
  buildSite({ outDir: TEST_SITE_DIR, testHooks: true, ...opts });
}

/** Serves the built test site; `headers` override vite.config.ts's (e.g. COOP/COEP off). */
export async function serveTestSite(headers: Record<string, string> = {}): Promise<ServedSite> {
  const server = await preview({
    build: { outDir: TEST_SITE_DIR },
    preview: { port: 0, host: '127.0.0.1', headers },
    logLevel: 'warn',
  });
  return {
    url: server.resolvedUrls?.local[0] as string,
    close: () => new Promise<void>((res) => server.httpServer.close(() => res())),
  };
}

/** Builds and serves the test site for `run`, and closes the server whatever happens. */
export async function withTestSite<T>(what: string, run: (url: string) => Promise<T>): Promise<T> {
  buildTestSite(what);
  const site = await serveTestSite();
  try {
    return await run(site.url);
  } finally {
    await site.close();
  }
}
