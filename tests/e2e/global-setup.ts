/**
 * Builds the app twice and serves the test build on a free localhost port for the e2e tests:
 * - the test build (with the `?test` hook, src/ui/test-hooks.ts) in .cache/test-site, served
 *   by `vite preview` at `baseUrl`: most tests drive the page through that hook;
 * - the build users get, `npm run build`'s dist/ (no hook), at `distDir`: the deploy and
 *   offline tests serve it themselves, under a sub-path (tests/e2e/static-server.ts).
 * Without Chromium the e2e tests skip, except under CI, where a missing browser is an error.
 */
import type { TestProject } from 'vitest/node';
import { preview } from 'vite';
import { buildSite, TEST_SITE_DIR } from '../../src/cli/build-site';
import { hasChromium, CHROMIUM } from '../../src/cli/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    distDir: string;
  }
}

const DIST_DIR = 'dist';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (!hasChromium) {
    if (process.env.CI)
      throw new Error(
        `CI is set but no Chromium at ${CHROMIUM}: install it (apt-get install -y chromium)`,
      );
    project.provide('baseUrl', '');
    project.provide('distDir', '');
    return;
  }
  buildSite({ outDir: DIST_DIR, testHooks: false });
  buildSite({ outDir: TEST_SITE_DIR, testHooks: true });
  const server = await preview({
    build: { outDir: TEST_SITE_DIR },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address');
  project.provide('baseUrl', url);
  project.provide('distDir', DIST_DIR);
  return async () => {
    await new Promise<void>((res) => server.httpServer.close(() => res()));
  };
}
