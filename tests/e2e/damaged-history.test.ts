/**
 * Damaged stored runs in the real app, in Chromium (issue #24 item 2): records written straight
 * into IndexedDB with `results` not an array, `config` missing, `config.weights` an object, a
 * step count of 10^9 (in the summary, and in a saved page), evaluations lacking `id`. Each is
 * listed as damaged with its reason (the last two once Show opens them), while a good run stays
 * listed and opens, and the controls work; Export raw downloads the record as stored; Delete
 * removes it for good. And a panel that throws while drawing a run shows "Try again" in its
 * place, the rest of the page working. No training here (no WebGPU).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';
import type { RunSummary } from '../../src/ui/saved-runs/run-record';
import { defaultSettings } from '../../src/ui/settings/settings-table';
import { STORED_LOADED, storedSgd } from '../helpers/stored-run';
import { gotoApp, openSettings } from './page-helpers';
import { seedHistory } from './seed-history';

const baseUrl = inject('baseUrl');

const loaded = STORED_LOADED;
const sgd = storedSgd();
const noId = { ...sgd, evals: sgd.evals.map(({ id: _id, ...e }) => e) };

const T0 = Date.UTC(2026, 0, 1);
const summaryAt = (i: number, id: string, version = 1): RunSummary => ({
  version,
  id,
  startedAt: T0 + i * 60_000,
  endedAt: T0 + i * 60_000 + 1,
  status: 'finished',
  hash: '#seed=0',
  config: defaultSettings(),
  loaded,
  results: [{ methodId: 'sgd', steps: 2, id: 0.75, ood: 0.5 }],
});
const good = summaryAt(0, '2026-01-01T00-00-00-000Z-good');
const { config: _config, ...noConfig } = summaryAt(2, '2026-01-01T00-02-00-000Z-noconfig');

/** A summary as stored: any object. */
const rec = (s: object): Record<string, unknown> => ({ ...s });

/** Each record: its summary and 'metrics' value; `listed` the reason shown at once, `shown` the one Show finds. */
const RECORDS: {
  what: string;
  summary: Record<string, unknown>;
  metrics: unknown;
  listed?: RegExp;
  shown?: RegExp;
}[] = [
  {
    what: 'results not an array',
    summary: { ...summaryAt(1, '2026-01-01T00-01-00-000Z-results'), results: { sgd: 2 } },
    metrics: { sgd },
    listed: /results: expected an array, found an object/,
  },
  { what: 'config missing', summary: rec(noConfig), metrics: { sgd }, listed: /config: missing/ },
  {
    what: 'config.weights an object',
    summary: {
      ...summaryAt(3, '2026-01-01T00-03-00-000Z-weights'),
      config: { ...defaultSettings(), weights: { name: 'vit' } },
    },
    metrics: { sgd },
    listed: /config\.weights: expected a string, found an object/,
  },
  {
    what: 'a step count of 1e9',
    summary: {
      ...summaryAt(4, '2026-01-01T00-04-00-000Z-steps'),
      results: [{ methodId: 'sgd', steps: 1e9 }],
    },
    metrics: { sgd },
    listed: /results\[0\]\.steps: 1000000000 is over 10000000/,
  },
  {
    what: 'evaluations lacking id',
    summary: rec(summaryAt(5, '2026-01-01T00-05-00-000Z-noid')),
    metrics: { sgd: noId },
    shown: /metrics\.sgd\.evals\[0\]\.id: expected an object, found missing/,
  },
  // A version 2 record whose saved page claims 10^9 steps (its columns are written in the page: typed arrays).
  {
    what: 'a page of 1e9 steps',
    summary: rec(summaryAt(6, '2026-01-01T00-06-00-000Z-page', 2)),
    metrics: { methods: { sgd: {} } },
    shown: /pages\[0\]\.methods\.sgd\.steps\.n: 1000000000 is over 4096/,
  },
];

/** A saved page (version 2) that claims 10^9 steps of SGD; its columns are typed arrays. */
const PAGE_OF_1E9_STEPS = {
  methods: {
    sgd: {
      steps: {
        n: 1e9,
        scalars: new Float64Array(9),
        params: [],
        layers: [],
        groups: [],
        norms: new Float32Array(0),
      },
    },
  },
};

const row = (id: string): string => `[data-testid=history] tr[data-run="${id}"]`;
type Win = {
  __ftp: {
    store: {
      getState: () => {
        show: (id: string, methods: Record<string, unknown>, loaded: unknown) => void;
      };
    };
  };
};

describe.skipIf(!hasChromium)('damaged stored runs', () => {
  let b: Opened;
  beforeAll(async () => {
    b = await openBrowser({ webgpu: false });
  });
  afterAll(async () => b?.close());

  it('each damaged kind is listed as damaged with its reason; the good run and the controls work; Export raw and Delete', async () => {
    const p = b.page;
    await seedHistory(b, baseUrl, 'seed-damaged-history', 2, [
      { summary: rec(good), metrics: { sgd } },
      ...RECORDS.map(({ summary, metrics }) => ({
        summary,
        metrics,
        page: summary.version === 2 ? PAGE_OF_1E9_STEPS : undefined,
      })),
    ]);
    await gotoApp(p, baseUrl);

    // Before: these blanked the page. Now: the good run listed, each damaged one marked with its reason.
    await p.waitForSelector(`${row(good.id)}[data-status=finished]`);
    for (const r of RECORDS.filter((x) => x.listed)) {
      const reason = await p.textContent(
        `${row(r.summary.id as string)}[data-status=damaged] [data-testid=damage-reason]`,
      );
      expect(reason, r.what).toMatch(r.listed!);
    }
    // Show on the two whose metrics are damaged: refused, and the row turns damaged with the reason; the tab lives on.
    for (const r of RECORDS.filter((x) => x.shown)) {
      const id = r.summary.id as string;
      await p.waitForSelector(`${row(id)}[data-status=finished]`);
      await p.click(`${row(id)} button:has-text("Show")`);
      await p.waitForSelector(`${row(id)}[data-status=damaged]`);
      expect(await p.textContent(`${row(id)} [data-testid=damage-reason]`), r.what).toMatch(
        r.shown!,
      );
    }
    expect(await p.locator('[data-testid=history] tr[data-status=damaged]').count()).toBe(
      RECORDS.length,
    );
    expect(await p.locator('[data-testid=panel-error]').count()).toBe(0);

    // The rest works: a control sets the link, Run is there to press, the good run opens.
    await openSettings(p); // folded under the run on a plain page
    await p.fill('#setting-seed', '7');
    await p.waitForFunction(() => location.hash.includes('seed=7'));
    expect(await p.isEnabled('[data-testid=train]')).toBe(true);
    await p.click(`${row(good.id)} button:has-text("Show")`);
    await p.waitForSelector('[data-testid=methods] tr[data-method=sgd]');

    // Export raw: the record as stored.
    const results = RECORDS[0]!;
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.click(`${row(results.summary.id as string)} button:has-text("Export raw")`),
    ]);
    expect(download.suggestedFilename()).toBe(`damaged-run-${results.summary.id as string}.json`);
    const raw = JSON.parse(await readFile((await download.path()) as string, 'utf8')) as {
      summary: { results: unknown };
      metrics: unknown;
    };
    expect(raw.summary.results).toEqual({ sgd: 2 });
    expect(raw.metrics).toEqual({ sgd });

    // Delete removes each for good (after a reload only the good run is left).
    for (const r of RECORDS) {
      await p.click(`${row(r.summary.id as string)} button:has-text("Delete")`);
      await p.waitForSelector(row(r.summary.id as string), { state: 'detached' });
    }
    await p.reload();
    await p.waitForSelector(`${row(good.id)}[data-status=finished]`);
    expect(await p.locator('[data-testid=history] tbody tr').count()).toBe(1);
    expect(b.consoleErrors).toEqual([]);
  });

  it('a panel that throws while drawing a run shows "Try again" in its place; the page works, and showing a good run redraws it', async () => {
    const p = b.page;
    await gotoApp(p, baseUrl);
    await p.waitForSelector(`${row(good.id)}[data-status=finished]`);
    // Past every check, straight into the store: an evaluation without its ID accuracy.
    await p.evaluate(
      (m) => (window as unknown as Win).__ftp.store.getState().show('broken', { sgd: m }, null),
      noId,
    );
    await p.waitForSelector(
      '[data-testid=panel-error][data-panel="the methods table"] button:has-text("Try again")',
    );
    expect(await p.isEnabled('[data-testid=train]')).toBe(true);
    await openSettings(p);
    await p.fill('#setting-seed', '9');
    await p.waitForFunction(() => location.hash.includes('seed=9'));
    await p.click(`${row(good.id)} button:has-text("Show")`);
    await p.waitForSelector('[data-testid=methods] tr[data-method=sgd]');
    expect(await p.locator('[data-testid=panel-error]').count()).toBe(0);
    // React logs the error it caught; nothing else went to the console.
    expect(
      b.consoleErrors.filter(
        (e) =>
          !/Cannot read properties of undefined|The above error occurred|error boundary/i.test(e),
      ),
    ).toEqual([]);
  });
});
