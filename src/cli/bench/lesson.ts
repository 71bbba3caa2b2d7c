/**
 * npm run bench -- lesson [--backends cpu,webgl,webgpu] [--steps N] [--preset full-run] [--workers N] [--no-charts]
 * (the old spelling `--lesson`, issue #19's, runs the same)
 *
 * Each backend twice, in one run: with 1 training worker and with the worker pool (N, default
 * 0 = auto: one per core), and their ratio; the pool's size and the memory a worker measured
 * are printed beside. Every seed of the lesson (the `seeds` setting) runs in both. Below the
 * table: the page's main thread from the click to the end (long-tasks.ts; issue #25's goal).
 *
 * The default lesson as a class runs it: the built app in Debian's Chromium, the page opened
 * without a link (the classroom preset), "Run" clicked, wall time from
 * the click to the end of the run, then the results table as the page shows it. With
 * --steps N the run is cut after N steps per method and the whole comparison's time is
 * extrapolated from the measured steps per second (for slow software backends); the table is
 * then not a result. On this machine WebGPU and WebGL run on SwiftShader (software).
 * With --preset full-run the page's "Full run (acquisition, strength 1)" button is pressed
 * first (src/presets/paper-gap.ts: every class, batch 64, 6 epochs): the run a class would need
 * if the short lesson cannot show AdamW's lead.
 */
import type { Page } from 'playwright-core';
import { stepsPerEpoch } from '../../core/train/run';
import { CLASSROOM_PRESET, type ClassroomPreset } from '../../presets/classroom';
import { PAPER_GAP_PRESET } from '../../presets/paper-gap';
import type { BackendName } from '../../protocol/messages';
import { openBrowser } from '../chromium';
import {
  formatTaskStats,
  longTasksBetween,
  observeLongTasks,
  pageNow,
  taskStats,
  type TaskStats,
} from './long-tasks';
import { pageBackend } from './page-run';
import { withTestSite } from './test-site';

interface LessonRow {
  backend: BackendName;
  actual: string;
  /** The pool's size (the `workers` asked: 1, or 0 = auto) and its note when smaller than asked. */
  workers: number;
  note: string | null;
  runs: number;
  steps: number;
  totalSteps: number;
  wallS: number;
  /** Extrapolated to the whole comparison when the run was cut. */
  fullS: number;
  cells: Record<string, string>;
  /** The largest memory a worker reported (after a load: the wasm heap's high-water mark included). */
  memory: unknown;
  /** The page's main thread from the click to the results table's last refresh (Long Tasks API). */
  mainThread: TaskStats;
}

export type LessonPreset = 'classroom' | 'full-run';

/** How a lesson pass is run: cut after some steps, without the live charts, which preset. */
interface LessonOpts {
  cutSteps?: number;
  noCharts?: boolean;
  preset?: LessonPreset;
}

/** The preset's steps per method (an empty class list: the benchmark's ten classes). */
const stepsOf = (p: ClassroomPreset): number =>
  stepsPerEpoch((p.data.classes.length || 10) * p.data.trainPerClass, p.batchSize) * p.epochs;

interface PoolState {
  status: string;
  pool: {
    over: boolean;
    size: number;
    note: string | null;
    cells: { step: number; total: number; state: string }[];
  } | null;
}
type Win = { __ftp: { store: { getState: () => PoolState }; pool: { memory: unknown } } };

/** Opens the lesson's page on `backend` with `workers`, the charts and preset as asked; the backend it got. */
async function openLesson(
  page: Page,
  url: string,
  backend: BackendName,
  workers: number,
  opts: LessonOpts,
): Promise<string> {
  const hash = [`workers=${workers}`, ...(opts.cutSteps ? [`steps=${opts.cutSteps}`] : [])].join(
    '&',
  );
  await observeLongTasks(page);
  await page.goto(`${url}?test&backend=${backend}#${hash}`);
  const actual = await pageBackend(page);
  process.stderr.write(
    `  lesson bench: ${backend} (${actual}), workers=${workers || 'auto'}, ${opts.preset === 'full-run' ? '"Full run", then Run' : '"Run"'}\n`,
  );
  // The live charts cost main-thread time while a run streams; measure with them off too.
  if (opts.noCharts) await page.getByLabel('show live charts').uncheck();
  // The full run: its button (in the settings, folded under Run) sets the paper's four methods
  // at its own rates, and Run runs them as they are.
  if (opts.preset === 'full-run') {
    await page.click('[data-testid=settings-fold] > summary');
    await page.click('[data-testid=preset-paper-gap]');
  }
  return actual;
}

/**
 * One lesson in a fresh page: `workers` training workers (0: auto, one per core), the lesson's
 * button, wall time from the click to the pool's end (every seed of every method).
 */
async function lessonPass(
  url: string,
  backend: BackendName,
  workers: number,
  opts: LessonOpts,
): Promise<LessonRow> {
  const b = await openBrowser({ webgpu: true, webgl: true });
  try {
    const actual = await openLesson(b.page, url, backend, workers, opts);
    const t0 = Date.now();
    const from = await pageNow(b.page);
    await b.page.click('[data-testid=train]');
    await b.page.waitForFunction(
      () => (window as unknown as Win).__ftp.store.getState().pool?.over === true,
      undefined,
      { timeout: 3_600_000, polling: 1000 },
    );
    const wallS = (Date.now() - t0) / 1000;
    const { pool, memory } = await b.page.evaluate(() => ({
      pool: (window as unknown as Win).__ftp.store.getState().pool,
      memory: (window as unknown as Win).__ftp.pool.memory,
    }));
    await b.page.waitForTimeout(1500); // the results table follows the store once a second
    const cells = await b.page.$$eval('[data-testid=results] tbody tr.pooled-row + tr td', (tds) =>
      Object.fromEntries(
        tds.map((td) => [td.getAttribute('data-method') ?? '?', (td.textContent ?? '').trim()]),
      ),
    );
    const mainThread = taskStats(await longTasksBetween(b.page, from, await pageNow(b.page)));
    const runs = pool?.cells ?? [];
    const steps = runs.reduce((a, c) => a + c.step, 0);
    const totalSteps = runs.reduce((a, c) => a + c.total, 0);
    // The whole comparison when cut: every run's steps cost alike.
    const full = opts.cutSteps
      ? runs.length * stepsOf(opts.preset === 'full-run' ? PAPER_GAP_PRESET : CLASSROOM_PRESET)
      : totalSteps;
    return {
      backend,
      actual,
      workers: pool?.size ?? 0,
      note: pool?.note ?? null,
      runs: runs.length,
      steps,
      totalSteps: full,
      wallS,
      fullS: steps ? (wallS * full) / steps : wallS,
      cells,
      memory,
      mainThread,
    };
  } finally {
    await b.close();
  }
}

/**
 * Per backend, the lesson with one worker and with `workers` (0: auto) in one run, so their
 * ratio compares like with like on the same machine at the same time.
 */
export async function benchLesson(opts: {
  backends: BackendName[];
  cutSteps?: number;
  noCharts?: boolean;
  preset?: LessonPreset;
  workers?: number;
}): Promise<LessonRow[]> {
  const rows = await withTestSite('the lesson bench', async (url) => {
    const rows: LessonRow[] = [];
    for (const backend of opts.backends)
      for (const workers of [1, opts.workers ?? 0])
        rows.push(await lessonPass(url, backend, workers, opts));
    return rows;
  });
  printLesson(rows, opts);
  return rows;
}

function printLesson(rows: LessonRow[], opts: { cutSteps?: number; preset?: LessonPreset }): void {
  console.log(
    `\n## ${opts.preset === 'full-run' ? 'The full run' : 'The default lesson'} in Chromium ("Run", ${opts.preset ?? 'classroom'} preset)\n`,
  );
  console.log(
    '| backend asked | backend used | workers | runs (seed x method) | steps | wall s | whole comparison s | vs 1 worker | worker memory (largest after a load) | results, first seed (best ID: OOD [ID]) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const one = rows.find((x) => x.backend === r.backend && x.workers === 1);
    const ratio = one && r !== one ? `${(one.fullS / r.fullS).toFixed(2)}x faster` : '1';
    const res = opts.cutSteps
      ? `(cut at ${opts.cutSteps} steps: no result)`
      : Object.entries(r.cells)
          .map(([m, v]) => `${m} ${v}`)
          .join('; ');
    console.log(
      `| ${r.backend} | ${r.actual} | ${r.workers}${r.note ? ` (${r.note})` : ''} | ${r.runs} | ${r.steps}${opts.cutSteps ? ` of ${r.totalSteps}` : ''} | ${r.wallS.toFixed(0)} | ${r.fullS.toFixed(0)}${opts.cutSteps ? ' (extrapolated)' : ''} | ${ratio} | ${JSON.stringify(r.memory)} | ${res} |`,
    );
  }
  console.log(
    '\nThe main thread from Run to the end (Long Tasks API, wall time; goal: longest <= 50 ms):',
  );
  for (const r of rows)
    console.log(`- ${r.backend}, ${r.workers} worker(s): ${formatTaskStats(r.mainThread)}`);
}
