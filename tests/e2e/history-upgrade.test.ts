/**
 * Bounded history in the real app, in Chromium: a run history saved by the page before record
 * version 2 (one IndexedDB value with every event, filter pictures as number[]) survives the
 * database's upgrade, is listed and reopens; and a link asking for 10^6 steps a method is
 * refused up front, with the reason, and Train starts nothing. No training here (no WebGPU).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';
import type { RunSummary } from '../../src/ui/saved-runs/run-record';
import { defaultSettings } from '../../src/ui/settings/settings-table';
import { STORED_LOADED, storedSgd } from '../helpers/stored-run';
import { seedHistory } from './seed-history';

const baseUrl = inject('baseUrl');

const loaded = STORED_LOADED;
const sgd = storedSgd({
  param: 'patch_embed.weight',
  shape: [1, 1, 3, 2],
  values: [0.1, -0.2, 0.3, 0.4, 0.5, -0.6],
});
const summary: RunSummary = {
  version: 1,
  id: '2024-01-01T00-00-00-000Z-old1',
  startedAt: Date.UTC(2024, 0, 1),
  endedAt: Date.UTC(2024, 0, 1, 0, 1),
  status: 'finished',
  hash: '#seed=0',
  config: defaultSettings(),
  loaded,
  results: [{ methodId: 'sgd', steps: 2, id: 0.75, ood: 0.5 }],
};

describe.skipIf(!hasChromium)('run history across the record-version upgrade', () => {
  let b: Opened;
  beforeAll(async () => {
    b = await openBrowser({ webgpu: false });
  });
  afterAll(async () => b?.close());

  it('a version 1 record is kept by the upgrade, listed, and reopens', async () => {
    const p = b.page;
    // Write the database as the old page did (record version 1), before the app opens it.
    await seedHistory(b, baseUrl, 'seed-old-history', 1, [{ summary, metrics: { sgd } }]);
    await p.goto(baseUrl);
    await p.waitForSelector(
      `[data-testid=history] tr[data-run="${summary.id}"][data-status=finished]`,
    );
    const stores = await p.evaluate(
      () =>
        new Promise<{ version: number; stores: string[] }>((resolve) => {
          const req = indexedDB.open('fine-tune-playground');
          req.onsuccess = () => {
            resolve({ version: req.result.version, stores: [...req.result.objectStoreNames] });
            req.result.close();
          };
        }),
    );
    expect(stores).toEqual({ version: 2, stores: ['metrics', 'pages', 'summaries'] });
    await p.click(`[data-testid=history] tr[data-run="${summary.id}"] button:has-text("Show")`);
    await p.waitForSelector('[data-testid=methods] tr[data-method=sgd]');
    await expect(p.textContent('[data-testid=methods] tr[data-method=sgd]')).resolves.toMatch(
      /^sgd2/,
    );
    expect(b.consoleErrors).toEqual([]);
  });

  it('a link asking for 10^6 steps a method is refused as it opens, and Train starts nothing', async () => {
    const p = b.page;
    await p.goto('about:blank'); // a fresh page load, not a hash change
    await p.goto(`${baseUrl}#epochs=10000&batch=15&methods=sgd`);
    await p.waitForSelector('[data-testid=run-too-long]');
    await expect(p.textContent('[data-testid=run-too-long]')).resolves.toMatch(
      /1,000,000 steps per method.*at most 100,000/,
    );
    await p.click('[data-testid=train]');
    await p.waitForSelector('[role=alert]:has-text("at most 100,000 steps per method") >> nth=1');
    await expect(p.textContent('[data-testid=status]')).resolves.toMatch(/^idle/);
    expect(b.consoleErrors).toEqual([]);
  });
});
