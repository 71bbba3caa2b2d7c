/**
 * The worker pool in Chromium on tfjs-backend-wasm (`?backend=wasm`, the backend without a GPU):
 * a tiny comparison (2 seeds x 2 methods, 3 steps) with `workers=2` trains in two workers, every
 * run finishes, and each (seed, method) run's losses and evaluations equal, bit for bit, those of
 * the same run with `workers=1`. The default lesson in
 * parallel workers (>= 3 seeds within 5 minutes) is tests/e2e/default-lesson.test.ts.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { WorkerEvent } from '../../src/protocol/messages';
import { hasChromium, openBrowser } from '../../src/cli/chromium';
import { gotoApp, waitFor, waitPoolEnd } from './page-helpers';

const baseUrl = inject('baseUrl');

const TINY =
  '#model=vit-adamw&bench=style&seed=1&classes=&per_class=4&val_per_class=2&ood_per_class=2&steps=3&batch=8&methods=sgd,adamw&augment=false&seeds=2';

type Runs = Record<string, { losses: number[]; evals: unknown[] }>;
interface Win {
  __ftp: {
    store: {
      getState: () => {
        seedRuns: Record<
          number,
          Record<
            string,
            {
              steps: { loss: number }[];
              evals: { step: number; id: unknown; ood: unknown; drift: unknown }[];
            }
          >
        >;
      };
    };
    pool: { memory: unknown };
  };
}

/** Opens the page fresh with `workers`, trains, and returns the pool's end, every run's losses and evaluations, and worker 0's measured memory. */
async function tinyRun(
  page: Page,
  workers: number,
): Promise<{
  end: Awaited<ReturnType<typeof waitPoolEnd>>;
  runs: Runs;
  memory: unknown;
  seconds: number;
}> {
  await page.goto('about:blank'); // a fresh page load, not a hash change
  await gotoApp(page, baseUrl, `&backend=wasm${TINY}&workers=${workers}`);
  const ready = (await waitFor(page, ['ready'])) as Extract<WorkerEvent, { type: 'ready' }>;
  expect(ready.backend.name).toBe('wasm');
  const t0 = Date.now();
  await page.click('[data-testid=train]');
  const end = await waitPoolEnd(page, 300_000);
  const seconds = (Date.now() - t0) / 1000;
  const { runs, memory } = await page.evaluate(() => {
    const w = window as unknown as Win;
    const out: Record<string, { losses: number[]; evals: unknown[] }> = {};
    for (const [seed, methods] of Object.entries(w.__ftp.store.getState().seedRuns))
      for (const [id, h] of Object.entries(methods))
        out[`${seed}:${id}`] = {
          losses: h.steps.map((s) => s.loss),
          evals: h.evals.map((e) => [e.step, e.id, e.ood, e.drift]),
        };
    return { runs: out, memory: w.__ftp.pool.memory };
  });
  return { end, runs, memory, seconds };
}

describe.skipIf(!hasChromium)('the worker pool', () => {
  it(
    '2 seeds x 2 methods train in two wasm workers, each run equal to the same run in one worker',
    { timeout: 700_000 },
    async () => {
      const b = await openBrowser({ webgpu: false });
      try {
        const two = await tinyRun(b.page, 2);
        expect(two.end.status).toBe('finished');
        expect(two.end.size).toBe(2);
        expect(two.end.note).toBeNull();
        // Seed-major contiguous halves: worker 1 ran seed 1, worker 2 ran seed 2.
        expect(two.end.cells.map((c) => [c.seed, c.methodId, c.worker, c.state, c.step])).toEqual([
          [1, 'sgd', 0, 'done', 3],
          [1, 'adamw', 0, 'done', 3],
          [2, 'sgd', 1, 'done', 3],
          [2, 'adamw', 1, 'done', 3],
        ]);
        await expect(b.page.getAttribute('[data-testid=pool]', 'data-size')).resolves.toBe('2');
        await expect(
          b.page.textContent('[data-testid=pool] td[data-seed="2"][data-method=adamw]'),
        ).resolves.toBe('done 3');
        const one = await tinyRun(b.page, 1);
        expect(one.end.size).toBe(1);
        expect(Object.keys(one.runs).sort()).toEqual(['1:adamw', '1:sgd', '2:adamw', '2:sgd']);
        for (const [k, r] of Object.entries(one.runs)) {
          expect(r.losses, k).toHaveLength(3);
          expect(two.runs[k], k).toStrictEqual(r); // bit for bit: the same numbers in either pool
        }
        expect(two.runs['1:sgd']?.losses).not.toStrictEqual(two.runs['2:sgd']?.losses); // the seeds differ
        process.stderr.write(
          `worker pool (noisy, loaded machine): tiny run ${two.seconds.toFixed(1)} s with 2 workers, ${one.seconds.toFixed(1)} s with 1; worker memory after load ${JSON.stringify(two.memory)}\n`,
        );
        expect(b.consoleErrors).toEqual([]);
      } finally {
        await b.close();
      }
    },
  );
});
