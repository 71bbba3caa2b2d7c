/**
 * A bad dataset shard heals (issue #24): the deployed build (dist/ under a sub-path) whose host
 * first answers one shard with the site's index.html and 200, as a host with an SPA fallback
 * does for a missing file. The first visit fails with a message that names the shard and says
 * how to recover, and the service worker keeps nothing of it. A poisoned copy in the service
 * worker's cache (what the worker before #24 stored) is then planted; with the host fixed, one
 * reload trains, and the cache holds the right bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';
import { serveStatic, type StaticSite } from './static-server';
import { ONE_STEP_LINK, trainOneStep } from './user-run';

const distDir = inject('distDir');
/** One of the ten MNIST benchmark shards the one-step link's benchmark ('style') reads. */
const SHARD = 'data/mnist-benchmark-c3-0.bin.gz';

/** The SHA-256 of the service worker's stored copy of SHARD, or null when it holds none. */
function storedShardHash(page: Page): Promise<string | null> {
  return page.evaluate(async (path) => {
    for (const key of (await caches.keys()).filter((k) => k.startsWith('ftp-data-'))) {
      const res = await (await caches.open(key)).match(new URL(path, document.baseURI).href);
      if (res)
        return Array.from(
          new Uint8Array(await crypto.subtle.digest('SHA-256', await res.arrayBuffer())),
          (b) => b.toString(16).padStart(2, '0'),
        ).join('');
    }
    return null;
  }, SHARD);
}

/** Clicks Train and returns the status line, or the error the page shows when loading failed. */
async function trainOrError(page: Page): Promise<string> {
  await page.click('[data-testid=train]');
  const handle = await page.waitForFunction(
    () => {
      const error = document.querySelector('[data-testid=error]')?.textContent;
      const status = document.querySelector('[data-testid=status]')?.textContent ?? '';
      return error ? `error: ${error}` : /^(finished|failed)/.test(status) ? status : false;
    },
    undefined,
    { timeout: 120_000, polling: 200 },
  );
  return (await handle.jsonValue()) as string;
}

describe.skipIf(!hasChromium)('a bad shard heals', () => {
  let site: StaticSite;
  let b: Opened;
  const good = (): Buffer => readFileSync(join(distDir, SHARD));
  beforeAll(async () => {
    site = await serveStatic(distDir, '/playground/');
    b = await openBrowser({ webgpu: false });
  });
  afterAll(async () => {
    await b?.close();
    await site?.close();
  });

  it('index.html for a shard: the message says how to recover, nothing bad is kept, and one reload heals a poisoned cache', async () => {
    const p = b.page;
    site.replace(SHARD, readFileSync(join(distDir, 'index.html')));
    await p.goto(`${site.url}${ONE_STEP_LINK}`);
    const first = await trainOrError(p);
    expect(first).toContain('mnist-benchmark-c3-0.bin.gz is damaged');
    expect(first).toMatch(/Reload the page.*clear this site's stored data.*Delete data/);

    // The service worker is in control and has adopted the first visit's good shards, not this one.
    await p.waitForFunction(
      async () =>
        navigator.serviceWorker.controller !== null &&
        (await caches.keys()).some((k) => k.startsWith('ftp-data-')),
      undefined,
      { timeout: 60_000 },
    );
    expect(await storedShardHash(p)).toBeNull();

    // What the worker before #24 did: index.html stored as the shard.
    await p.evaluate(async (path) => {
      const key = (await caches.keys()).find((k) => k.startsWith('ftp-data-')) as string;
      const html = await (await fetch('index.html')).arrayBuffer();
      await (await caches.open(key)).put(new URL(path, document.baseURI).href, new Response(html));
    }, SHARD);
    expect(await storedShardHash(p)).toBe(
      createHash('sha256')
        .update(readFileSync(join(distDir, 'index.html')))
        .digest('hex'),
    );

    // The host is fixed; the browser's HTTP cache still holds index.html for the shard's URL.
    site.replace(SHARD, good());
    await p.reload();
    expect(await trainOneStep(p)).toMatch(/^finished/);
    expect(await storedShardHash(p)).toBe(createHash('sha256').update(good()).digest('hex'));
  });
});
