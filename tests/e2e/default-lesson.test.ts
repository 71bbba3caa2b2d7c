/**
 * The default lesson, as a class runs it: the page opened without a link (the classroom
 * preset), "Run the paper's comparison" clicked, on the backend the app picks without a GPU
 * (tfjs-backend-wasm). When the run ends, the results table must show the paper's direction: AdamW ahead of
 * SGD out of distribution, SGD freeze-embed level with or ahead of AdamW, and SGD moving the
 * embedding more than AdamW. One seed (the preset's), deterministic on the wasm backend; the
 * seed-level evidence is in docs/results.md ("The classroom preset").
 */
import { describe, expect, inject, it } from 'vitest';
import type { WorkerEvent } from '../../src/protocol/messages';
import { hasChromium, openBrowser } from '../../src/cli/chromium';
import { gotoApp, waitFor, waitPoolEnd } from './page-helpers';

const baseUrl = inject('baseUrl');

/** "84.6 [85.2]" -> { ood: 84.6, id: 85.2 } */
const parseCell = (t: string): { ood: number; id: number } => {
  const m = /([\d.]+) \[([\d.]+)\]/.exec(t);
  if (!m) throw new Error(`not a results cell: "${t}"`);
  return { ood: Number(m[1]), id: Number(m[2]) };
};

describe.skipIf(!hasChromium)('the default lesson', () => {
  it("Run the paper's comparison shows the paper's direction in the results table", { timeout: 1_500_000 }, async () => {
    const b = await openBrowser({ webgpu: false });
    try {
      await gotoApp(b.page, baseUrl);
      const ready = (await waitFor(b.page, ['ready'])) as Extract<WorkerEvent, { type: 'ready' }>;
      expect(ready.backend.name, 'without a GPU the app trains on wasm').toBe('wasm');
      const t0 = Date.now();
      await b.page.click('[data-testid=paper]');
      // Every seed's runs, in the worker pool: its end, not worker 0's first run-done.
      const done = await waitPoolEnd(b.page, 1_400_000);
      expect(done.status).toBe('finished');
      process.stderr.write(`default lesson on the wasm backend: ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
      await b.page.waitForTimeout(1500); // the table follows the store once a second
      const cells = await b.page.$$eval('[data-testid=results] tbody tr.pooled-row + tr td', (tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-method'), (td.textContent ?? '').replace(/\s*step \d+$/, '')])));
      const r = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, parseCell(v as string)]));
      process.stderr.write(`results (best ID, OOD [ID]): ${JSON.stringify(cells)}\n`);
      expect(r.adamw!.ood, 'AdamW ahead of SGD out of distribution').toBeGreaterThan(r.sgd!.ood);
      expect(r['sgd-freeze']!.ood, 'SGD freeze-embed level with or ahead of AdamW').toBeGreaterThanOrEqual(r.adamw!.ood - 1);
      // How far the embedding moved, from the per-method table.
      const drift = await b.page.$$eval('[data-testid=methods] tbody tr', (trs) => Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-method'), Number(tr.querySelectorAll('td')[6]?.textContent)])));
      expect(drift.sgd, 'SGD moved the embedding more than AdamW').toBeGreaterThan(1.5 * (drift.adamw as number));
      // Nothing flagged as unfinished or stopped.
      expect(await b.page.$('[data-testid=results-warnings]')).toBeNull();
    } finally {
      await b.close();
    }
  });
});
