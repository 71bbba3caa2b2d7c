/**
 * tfjs-backend-wasm's threads in Chromium (src/worker/wasm-backend.ts, tools/build/wasm-threads.ts):
 * - the worker tells the page how the wasm backend computes (BackendInfo's `wasm`: thread count,
 *   cross-origin isolation), on the e2e build as `vite preview` serves it (with COOP/COEP);
 * - a build with threads on, served cross-origin isolated under the CSP header, runs XNNPACK on
 *   every logical core (its pthread workers start: they used to die with "e is not defined"),
 *   and its first AdamW losses are those of the same build served without COOP/COEP, where tfjs
 *   falls back to one thread (as on GitHub Pages).
 */
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSite } from '../../src/cli/build-site';
import { hasChromium, openBrowser } from '../../src/cli/chromium';
import { trainWasmInPage, type WasmRun } from '../../src/cli/bench/page-run';
import { serveStatic, type StaticSite } from './static-server';
import { cspViolations, recordCspViolations } from './user-run';

const baseUrl = inject('baseUrl');
const THREADED_SITE = '.cache/test-site-wasm-threads';

async function run(url: string): Promise<WasmRun & { consoleErrors: string[]; csp: string[] }> {
  const b = await openBrowser({ webgpu: false });
  try {
    await recordCspViolations(b.page);
    await b.page.goto(`${url}?test&backend=wasm`);
    const r = await trainWasmInPage(b.page, { family: 'vit', batch: 8, steps: 3 });
    return { ...r, consoleErrors: b.consoleErrors, csp: await cspViolations(b.page) };
  } finally {
    await b.close();
  }
}

describe.skipIf(!hasChromium)('wasm threads', () => {
  it('the worker reports the wasm backend threads and the isolation of the e2e build', async () => {
    const r = await run(baseUrl);
    expect(r.backend.name).toBe('wasm');
    // vite preview sends COOP/COEP (vite.config.ts), but threads are off by default
    // (WASM_THREADS_DEFAULT: slower on 2 cores, docs/performance.md).
    expect(r.backend.wasm).toEqual({ threads: 1, crossOriginIsolated: true });
    expect(r.losses).toHaveLength(3);
  });

  describe('a build with threads on', () => {
    let isolated: StaticSite;
    let plain: StaticSite;
    beforeAll(async () => {
      buildSite({ outDir: THREADED_SITE, testHooks: true, wasmThreads: true });
      isolated = await serveStatic(THREADED_SITE, '/playground/');
      plain = await serveStatic(THREADED_SITE, '/playground/', { isolated: false });
    }, 300_000);
    afterAll(async () => {
      await isolated?.close();
      await plain?.close();
    });

    it('trains threaded where the page is cross-origin isolated, with the single-threaded losses', async () => {
      const threaded = await run(isolated.url);
      const single = await run(plain.url);
      expect(threaded.backend.wasm).toEqual({
        threads: Math.min(8, availableParallelism()),
        crossOriginIsolated: true,
      });
      expect(single.backend.wasm).toEqual({ threads: 1, crossOriginIsolated: false });
      // The pthread workers import the module factory from a blob: URL (script-src blob:).
      expect(threaded.csp).toEqual([]);
      expect(threaded.consoleErrors).toEqual([]);
      expect(threaded.losses).toHaveLength(3);
      for (const [i, l] of threaded.losses.entries())
        expect(l, `loss of step ${i + 1}`).toBeCloseTo(single.losses[i] as number, 5);
    });
  });
});
