/**
 * The page's main thread while the default lesson trains (issue #25 item 4). The page is opened
 * as a class opens it (the classroom preset, no link but a cut), on the backend the app picks
 * without a GPU (wasm), and Run trains every seed in the worker pool (one worker per core). The
 * cut, `steps=20` a method instead of the lesson's 92, keeps the busy phases that matter to the
 * main thread: the pool's start (the workers' loads, the charts' first mount), evaluations (every
 * 10 steps), each seed's end (the results table, paired differences and dot plot filling in),
 * the history's saves, and the pool's end. Once the runs are under way the page scrolls to the
 * charts, so they redraw while training as a student watches them.
 *
 * Two measures, both printed with the load average: the Long Tasks API (wall time: on a loaded
 * machine, and the pool's workers take every core, a task the OS descheduled counts in full,
 * so it is not asserted) and each task's CPU time on the main thread from a Chromium trace,
 * which the load does not stretch. The assertion is on CPU; docs/performance.md has the numbers.
 */
import { loadavg } from 'node:os';
import { describe, expect, inject, it } from 'vitest';
import type { WorkerEvent } from '../../src/protocol/messages';
import { hasChromium, openBrowser } from '../../src/cli/chromium';
import { formatTaskStats, taskStats } from '../../src/cli/bench/long-tasks';
import { formatCpuStats, traceMainThreadCpu } from '../../src/cli/bench/main-thread-cpu';
import { runWatched } from '../../src/cli/bench/main-thread';
import { gotoApp, longTasks, now, waitFor, waitPoolEnd } from './page-helpers';

const baseUrl = inject('baseUrl');
/** The lesson cut at 20 steps a method (two evaluations). */
const STEPS = 20;
const CUT = `#steps=${STEPS}`;

/**
 * The most CPU one main-thread task may take, ms. The goal is 50: this machine's longest task
 * now takes 35-64 ms of CPU, 0-1 tasks a run over 50 (docs/performance.md, round three: the
 * charts mounted before the Run, one chart update per frame turn, fewer redraws). The bound
 * leaves about twice that for a slower or busier CI machine (a flaky bound would stop every
 * change from landing) and still catches a regression to the tree before round three (129-162
 * ms of CPU in the same bench) or to the 0.8-1.4 s renders of all the charts at once this test
 * was first written against.
 */
const CPU_BOUND = 120;

describe.skipIf(!hasChromium)('the main thread while the lesson trains', () => {
  it(
    `no task takes more than ${CPU_BOUND} ms of CPU, from Run to the pool’s end`,
    { timeout: 900_000 },
    async () => {
      const b = await openBrowser({ webgpu: false });
      try {
        await gotoApp(b.page, baseUrl, CUT);
        const ready = (await waitFor(b.page, ['ready'])) as Extract<WorkerEvent, { type: 'ready' }>;
        expect(ready.backend.name, 'without a GPU the app trains on wasm').toBe('wasm');
        // Mounted before the Run, hidden (src/ui/features/charts/premount.tsx): the last figure of
        // the panel is there, and nothing of it can be seen, focused or read, nor adds height.
        const hidden = b.page.locator('.premount-hidden:has([data-chart=memory])');
        await hidden.waitFor({ state: 'attached', timeout: 120_000 });
        expect(
          await hidden.evaluate((el) => ({
            inert: (el as HTMLElement).inert,
            ariaHidden: el.getAttribute('aria-hidden'),
            height: el.getBoundingClientRect().height,
          })),
        ).toEqual({ inert: true, ariaHidden: 'true', height: 0 });
        expect(await b.page.locator('[data-chart=accuracy]').isVisible()).toBe(false);
        const t0 = await now(b.page);
        const load0 = loadavg()[0] as number;
        const stopTrace = await traceMainThreadCpu(b.context, b.page);
        // A student watches the charts once the runs are under way (runWatched: Run, scrolled
        // to the charts from step 10, the pool's end, 2.5 s for the table and charts).
        await runWatched(b.page, 800_000);
        const end = await waitPoolEnd(b.page);
        expect(end.status).toBe('finished');
        // Shown at the Run, in place (the same elements).
        expect(await b.page.locator('.premount-shown [data-chart=accuracy]').isVisible()).toBe(
          true,
        );
        expect(end.cells.every((c) => c.state === 'done' && c.step === STEPS)).toBe(true);
        const t1 = await now(b.page);
        const cpu = await stopTrace();
        const s = taskStats(
          (await longTasks(b.page)).filter((t) => t.start >= t0 && t.start <= t1),
        );
        process.stderr.write(
          `main thread while the lesson trained (${end.cells.length} runs, ${end.size} workers, ${((t1 - t0) / 1000).toFixed(0)} s; load average ${load0.toFixed(1)} at Run, ${(loadavg()[0] as number).toFixed(1)} at the end, on ${ready.backend.name}): Long Tasks API (wall) ${formatTaskStats(s)}; CPU ${formatCpuStats(cpu)}\n`,
        );
        expect(b.consoleErrors).toEqual([]);
        expect(cpu.tasks, 'the trace saw the main thread').toBeGreaterThan(1000);
        expect(
          cpu.longest,
          'the main thread’s longest task while training, ms of CPU',
        ).toBeLessThanOrEqual(CPU_BOUND);
      } finally {
        await b.close();
      }
    },
  );
});
