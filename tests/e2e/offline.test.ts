/**
 * Offline after the first visit, in the build users deploy (dist/) under a sub-path: one visit
 * that trains a step leaves the app, the models and that benchmark's shards in the service
 * worker's caches; with the browser's HTTP cache emptied and the network off, a reload trains a
 * step again. The app is installable, and a new deploy is announced and taken on Reload.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';
import { serveStatic, type StaticSite } from './static-server';
import { ONE_STEP_LINK, trainOneStep } from './user-run';

const distDir = inject('distDir');

/** Whether a service worker controls the page, and the entries of its caches by kind. */
function swState(page: Page): Promise<{ controlled: boolean; precache: number; shards: string[] }> {
  return page.evaluate(async () => {
    const keys = await caches.keys();
    const entries = async (prefix: string) =>
      (
        await Promise.all(
          keys.filter((k) => k.startsWith(prefix)).map(async (k) => (await caches.open(k)).keys()),
        )
      )
        .flat()
        .map((r) => new URL(r.url).pathname);
    return {
      controlled: navigator.serviceWorker.controller !== null,
      precache: (await entries('workbox-precache')).length,
      shards: (await entries('ftp-data-')).sort(),
    };
  });
}

describe.skipIf(!hasChromium)('offline after the first visit', () => {
  let site: StaticSite;
  let b: Opened;
  beforeAll(async () => {
    site = await serveStatic(distDir, '/playground/');
    b = await openBrowser({ webgpu: false });
  });
  afterAll(async () => {
    await b?.close();
    await site?.close();
  });

  it('one visit that trains a step is enough: offline, a reload trains a step again', async () => {
    const p = b.page;
    await p.goto(`${site.url}${ONE_STEP_LINK}`);
    expect(await trainOneStep(p)).toMatch(/^finished/);
    // The benchmark ('style': MNIST digits) was fetched before the service worker was
    // installed; it is cached all the same, and nothing else of data/ is.
    const mnistShards = Array.from(
      { length: 10 },
      (_, c) => `/playground/data/mnist-benchmark-c${c}-0.bin.gz`,
    );
    await expect
      .poll(() => swState(p), { timeout: 60_000, interval: 500 })
      .toMatchObject({ controlled: true, shards: mnistShards });
    // app shell (with the tfjs wasm binaries), icons, models (4 checkpoints + manifest), data
    // manifest, reference results
    expect((await swState(p)).precache).toBeGreaterThanOrEqual(18);
    // Now that it controls the page, a shard is cached on its first fetch.
    await p.evaluate(() =>
      fetch('data/fashion-benchmark-c0-0.bin.gz').then((r) => r.arrayBuffer()),
    );
    expect((await swState(p)).shards).toContain('/playground/data/fashion-benchmark-c0-0.bin.gz');

    const cdp = await b.context.newCDPSession(p);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: unknown[];
    };
    expect(installabilityErrors).toEqual([]);

    // Only the service worker's caches are left to serve the next load.
    await cdp.send('Network.clearBrowserCache');
    await b.context.setOffline(true);
    try {
      await p.reload();
      expect(await trainOneStep(p)).toMatch(/^finished/);
      await expect(p.textContent('[data-testid=status]')).resolves.toMatch(
        /vit, [\d,]+ parameters( \+ \d+ in the \d+-class head)?, 40 training images/,
      );
    } finally {
      await b.context.setOffline(false);
    }
    expect(b.consoleErrors).toEqual([]);
  });

  it('a new deploy installs in the background, the page says so, and Reload switches to it', async () => {
    const p = b.page;
    expect(await p.locator('[data-testid=update-notice]').count()).toBe(0);
    // The next deploy: a service worker that differs by a byte is a new version to the browser.
    site.replace(
      'sw.js',
      Buffer.concat([readFileSync(join(distDir, 'sw.js')), Buffer.from('\n// the next deploy\n')]),
    );
    await p.reload(); // a navigation checks for a new service worker
    await p.waitForSelector('[data-testid=update-notice]', { timeout: 60_000 });
    await expect(p.textContent('[data-testid=update-notice]')).resolves.toMatch(
      /new version .* ready/,
    );
    expect(
      await p.evaluate(async () =>
        Boolean((await navigator.serviceWorker.getRegistration())?.waiting),
      ),
    ).toBe(true);

    // Reload: the waiting version takes over and the page reloads under it, with the notice gone.
    await Promise.all([
      p.waitForEvent('load', { timeout: 60_000 }),
      p.click('[data-testid=update-notice] button'),
    ]);
    await p.waitForFunction(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return (
        r?.waiting === null &&
        r.active?.state === 'activated' &&
        navigator.serviceWorker.controller !== null
      );
    });
    expect(await p.locator('[data-testid=update-notice]').count()).toBe(0);
    expect(b.consoleErrors).toEqual([]);
  });
});
