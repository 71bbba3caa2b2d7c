/**
 * npm run bench -- main-thread [--steps N] [--workers N] (also part of the default `all` where
 * Chromium is)
 *
 * The page's main thread while the default lesson trains (issue #25 item 4: no task over 50 ms),
 * as tests/e2e/main-thread.test.ts measures it: the page opened as a class opens it (classroom
 * preset, no GPU, so wasm, every seed in the worker pool), the lesson cut at N steps a method
 * (default 20: the pool's start, evaluations, seeds' ends, saves and the pool's end are all in
 * it), the page scrolled to the charts once the first runs reach step 10. Two measures: the Long
 * Tasks API (wall time, which a loaded machine stretches: the pool's workers take every core)
 * and each task's CPU time from a Chromium trace (main-thread-cpu.ts).
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { openBrowser } from '../chromium';
import {
  formatTaskStats,
  longTasksBetween,
  observeLongTasks,
  pageNow,
  taskStats,
  type TaskStats,
} from './long-tasks';
import { formatCpuStats, traceMainThreadCpu, type CpuTaskStats } from './main-thread-cpu';
import { pageBackend } from './page-run';
import { withTestSite } from './test-site';

export interface MainThreadRow {
  backend: string;
  workers: number;
  runs: number;
  wallS: number;
  load: [number, number];
  wall: TaskStats;
  cpu: CpuTaskStats;
}

type Win = {
  __ftp: {
    store: {
      getState: () => { pool: { over: boolean; size: number; cells: { step: number }[] } | null };
    };
  };
};

/**
 * The lesson as a student watches it (the bench, its e2e test and tools/bench/main-thread-probe.ts
 * all run this): Run, the page scrolled to the charts once the first run reaches step 10, the
 * pool's end (every run of every worker), then 2.5 s for the table and charts, which follow the
 * store once a second.
 */
export async function runWatched(page: Page, timeoutMs = 1_800_000): Promise<void> {
  await page.click('[data-testid=train]');
  await page.waitForFunction(
    () => ((window as unknown as Win).__ftp.store.getState().pool?.cells[0]?.step ?? 0) >= 10,
    undefined,
    { timeout: timeoutMs, polling: 500 },
  );
  await page.locator('[data-chart=accuracy]').scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => (window as unknown as Win).__ftp.store.getState().pool?.over === true,
    undefined,
    { timeout: timeoutMs, polling: 500 },
  );
  await page.waitForTimeout(2500);
}

/** runWatched, and the two measures over its window. */
async function measure(page: Page, stopTrace: () => Promise<CpuTaskStats>) {
  const from = await pageNow(page);
  const t0 = Date.now();
  const load0 = loadavg()[0] as number;
  await runWatched(page);
  const wall = taskStats(await longTasksBetween(page, from, await pageNow(page)));
  const cpu = await stopTrace();
  const pool = await page.evaluate(() => (window as unknown as Win).__ftp.store.getState().pool);
  return {
    workers: pool?.size ?? 0,
    runs: pool?.cells.length ?? 0,
    wallS: (Date.now() - t0) / 1000,
    load: [load0, loadavg()[0] as number] as [number, number],
    wall,
    cpu,
  };
}

/** `workers`: the pool's size (0: the app's own choice, one per core). */
export async function benchMainThread(steps = 20, workers = 0): Promise<MainThreadRow> {
  const row = await withTestSite('the main-thread bench', async (url) => {
    const b = await openBrowser({ webgpu: false });
    try {
      await observeLongTasks(b.page);
      const hash = `steps=${steps}${workers ? `&workers=${workers}` : ''}`;
      await b.page.goto(`${url}?test#${hash}`);
      const backend = await pageBackend(b.page);
      const stop = await traceMainThreadCpu(b.context, b.page);
      return { backend, ...(await measure(b.page, stop)) };
    } finally {
      await b.close();
    }
  });
  console.log(
    `\n## The main thread while the default lesson trains (${steps} steps a method, Chromium, no GPU; goal: no task over 50 ms)\n`,
  );
  console.log(
    '| backend | workers | runs | s | load average (Run -> end) | Long Tasks API (wall) | CPU per task (trace) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  console.log(
    `| ${row.backend} | ${row.workers} | ${row.runs} | ${row.wallS.toFixed(0)} | ${row.load[0].toFixed(1)} -> ${row.load[1].toFixed(1)} | ${formatTaskStats(row.wall)} | ${formatCpuStats(row.cpu)} |`,
  );
  console.log(
    `\nLongest main-thread task: ${row.cpu.longest.toFixed(0)} ms of CPU, ${row.wall.longest.toFixed(0)} ms of wall time (the wall time counts the time the OS gave the pool's workers the core).`,
  );
  return row;
}
