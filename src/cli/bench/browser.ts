/**
 * Browser mode of the benchmark: the built app in Debian's Chromium, one page per backend
 * (webgpu, webgl, cpu, forced with ?backend=), each default micro model trained for a few
 * steps through the real worker. Reports the time to the first step (shader compilation and
 * upload included) and steps/s over the following steps, as measured inside the worker, and
 * the page's longest main-thread task meanwhile (Long Tasks API, long-tasks.ts; issue #25).
 * On this machine the "GPU" is SwiftShader (software): read ratios, not absolute speed.
 */
import { FAMILIES, type Family } from '../../spec/model-config';
import type { BackendName } from '../../protocol/messages';
import { openBrowser } from '../chromium';
import { longTasksBetween, observeLongTasks, pageNow, taskStats } from './long-tasks';
import { pageBackend, trainInPage } from './page-run';
import { median } from './stats';
import { withTestSite } from './test-site';

interface Row {
  backend: BackendName;
  actual: string;
  family: string;
  firstStepMs: number;
  /** From 'start' to the first step's metrics, page-side: shader compilation, start evaluation, step 1. */
  toFirstStepMs: number;
  stepsPerSec: number;
  /** The page's longest main-thread task while this model loaded and trained (Long Tasks API), ms. */
  longestTaskMs: number;
}

interface BrowserBenchOptions {
  batch: number;
  steps: number;
  backends?: readonly BackendName[];
  families?: readonly Family[];
}

/** Every model on one backend, in a fresh browser: the page's worker trains each for a few AdamW steps. */
async function backendRows(
  url: string,
  backend: BackendName,
  opts: BrowserBenchOptions,
): Promise<Row[]> {
  const rows: Row[] = [];
  const b = await openBrowser({ webgpu: true, webgl: true });
  try {
    await observeLongTasks(b.page);
    await b.page.goto(`${url}?test&backend=${backend}`);
    const actual = await pageBackend(b.page);
    for (const family of opts.families ?? FAMILIES) {
      process.stderr.write(`  browser bench: ${backend} ${family}\n`);
      const t0 = await pageNow(b.page);
      // A backend that fails to load or train is a row of NaN, as before, not the end of the bench.
      const r = await trainInPage(b.page, {
        family,
        batch: opts.batch,
        steps: opts.steps + 1,
        lr: 1e-4,
      }).catch((e: unknown) => {
        process.stderr.write(`  browser bench: ${backend} ${family} failed: ${String(e)}\n`);
        return { stepMs: [], toFirstStepMs: NaN };
      });
      const tasks = await longTasksBetween(b.page, t0, await pageNow(b.page));
      rows.push({
        backend,
        actual,
        family,
        firstStepMs: r.stepMs[0] ?? NaN,
        toFirstStepMs: r.toFirstStepMs,
        stepsPerSec: 1000 / median(r.stepMs.slice(1)),
        longestTaskMs: taskStats(tasks).longest,
      });
    }
  } finally {
    await b.close();
  }
  return rows;
}

export async function benchBrowser(opts: BrowserBenchOptions): Promise<void> {
  const rows = await withTestSite('the browser bench', async (url) => {
    const rows: Row[] = [];
    for (const backend of opts.backends ?? (['webgpu', 'webgl', 'wasm', 'cpu'] as const))
      rows.push(...(await backendRows(url, backend, opts)));
    return rows;
  });
  console.log(
    `\n## Browser: steps/s per backend in one Chromium (SwiftShader software GPU; batch ${opts.batch}, median of ${opts.steps} steps)\n`,
  );
  console.log(
    '| model | backend (requested -> running) | start to first step ms | first step ms | steady step ms | first / steady | steps/s | vs cpu | longest main-thread task ms |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const cpu = rows.find((x) => x.family === r.family && x.backend === 'cpu');
    const steady = 1000 / r.stepsPerSec;
    console.log(
      `| ${r.family} | ${r.backend} -> ${r.actual} | ${r.toFirstStepMs.toFixed(0)} | ${r.firstStepMs.toFixed(0)} | ${steady.toFixed(0)} | ${(r.firstStepMs / steady).toFixed(1)}x | ${r.stepsPerSec.toFixed(2)} | ${cpu ? (r.stepsPerSec / cpu.stepsPerSec).toFixed(2) : '-'}x | ${r.longestTaskMs.toFixed(0)} |`,
    );
  }
  const worst = rows.reduce((a, r) => Math.max(a, r.longestTaskMs), 0);
  console.log(
    `\nLongest main-thread task while a model loaded and trained (Long Tasks API, wall time, goal <= 50 ms; the lesson bench measures it with the worker pool): ${worst.toFixed(0)} ms`,
  );
}
