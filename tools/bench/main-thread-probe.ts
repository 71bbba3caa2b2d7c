/**
 * Which work makes the main thread's long tasks while the lesson trains (issue #25 item 4): the
 * scenario of tests/e2e/main-thread.test.ts (classroom preset, `#steps=N`, wasm, the worker
 * pool, the page scrolled to the charts once the runs are under way), on a build that is not
 * minified (so the CPU profile keeps function names), with three records on one clock:
 * - a Chromium trace of the main thread's tasks (RunTask: wall `dur`, CPU `tdur`);
 * - a sampling CPU profile (Profiler domain, 250 µs);
 * - a MutationObserver in the page naming the figures (`[data-chart]`, `[data-testid]`) whose DOM
 *   each task changed.
 * Prints, for every task over `--over` ms of CPU, when it came, its CPU and wall time, the
 * figures it changed and the functions that took its samples (self time and the React
 * components on the stacks). Not a test: `npx tsx tools/bench/main-thread-probe.ts [--steps 20]
 * [--over 30]`.
 */
import { execFileSync } from 'node:child_process';
import { preview } from 'vite';
import { openBrowser } from '../../src/cli/chromium';
import { stopTrace, type TraceEvent } from '../../src/cli/bench/main-thread-cpu';
import { gotoApp, waitFor } from '../../tests/e2e/page-helpers';
import { runWatched } from '../../src/cli/bench/main-thread';
import { attribute, type Profile, type Mutation, type Task } from './main-thread-attribution';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const STEPS = arg('steps', 20);
const OVER = arg('over', 30);
const SITE = '.cache/probe-site';

/** The site as the tests build it (the `?test` hook), not minified. */
function build(): void {
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--minify', 'false'].concat([
      '--outDir',
      SITE,
      '--emptyOutDir',
    ]),
    {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', VITE_TEST_HOOKS: '1', FTP_UNMINIFIED: '1' },
    },
  );
}

/**
 * Records, in the page, which figures each mutation touched (performance.now() ms). A string,
 * not a function: tsx compiles functions with a `__name` helper the page does not have.
 */
const OBSERVE_MUTATIONS = `
  window.__mut = [];
  const name = (n) => {
    const el = n instanceof Element ? n : (n ? n.parentElement : null);
    const f = el ? el.closest('[data-chart], [data-testid], [id]') : null;
    return f ? (f.getAttribute('data-chart') || f.getAttribute('data-testid') || f.id) : 'page';
  };
  new MutationObserver((records) => {
    const t = performance.now();
    for (const who of new Set(records.map((r) => name(r.target)))) window.__mut.push({ t, who });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
`;

/** The main thread's tasks: the CrRendererMain thread that ran the sync mark. */
function mainTasks(events: TraceEvent[]): { tasks: Task[]; syncTs: number } {
  const mark = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'probe-sync');
  if (!mark) throw new Error('the trace has no probe-sync time stamp');
  const onMain = events.filter(
    (e) => e.ph === 'X' && e.pid === mark.pid && e.tid === mark.tid && e.dur !== undefined,
  );
  const tasks = onMain
    .filter((e) => e.name === 'RunTask')
    .map((e) => ({
      ts: e.ts,
      wall: (e.dur ?? 0) / 1000,
      cpu: (e.tdur ?? 0) / 1000,
      // What the timeline says ran inside it (layout, style, paint, script...), wall ms by name.
      parts: new Map<string, number>(),
    }));
  let i = 0;
  const inner = onMain.filter((e) => e.name !== 'RunTask').sort((a, b) => a.ts - b.ts);
  for (const t of tasks) {
    while (i < inner.length && (inner[i]?.ts ?? 0) < t.ts) i++;
    for (let j = i; j < inner.length && (inner[j]?.ts ?? 0) <= t.ts + t.wall * 1000; j++) {
      const e = inner[j] as TraceEvent;
      t.parts.set(e.name, (t.parts.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    }
  }
  return { tasks, syncTs: mark.ts };
}

async function main(): Promise<void> {
  build();
  const server = await preview({
    build: { outDir: SITE },
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0] as string;
  const b = await openBrowser({ webgpu: false });
  try {
    await b.page.addInitScript(OBSERVE_MUTATIONS);
    await gotoApp(b.page, url, `#steps=${STEPS}`);
    await waitFor(b.page, ['ready']);
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Tracing.start', {
      transferMode: 'ReturnAsStream',
      traceConfig: {
        includedCategories: ['disabled-by-default-devtools.timeline', 'devtools.timeline'],
        excludedCategories: ['*'],
      },
    });
    await cdp.send('Profiler.start');
    const syncNow = await b.page.evaluate(() => {
      console.timeStamp('probe-sync');
      return performance.now();
    });
    await runWatched(b.page, 900_000);
    // The window ends here: stopping the profiler is a long task of its own.
    const endNow = await b.page.evaluate(() => performance.now());
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const { tasks, syncTs } = mainTasks(await stopTrace(cdp));
    const muts = (await b.page.evaluate(
      () => (window as unknown as { __mut: Mutation[] }).__mut,
    )) as Mutation[];
    // performance.now() ms -> trace µs: the sync mark was stamped at syncNow (within a ms).
    const toTs = (t: number): number => syncTs + (t - syncNow) * 1000;
    const out = attribute(
      tasks.filter((t) => t.ts >= syncTs && t.ts <= toTs(endNow)),
      profile,
      muts.map((m) => ({ ...m, t: toTs(m.t) })),
      OVER,
    );
    console.log(out.join('\n'));
    console.log(`${muts.length} DOM changes recorded; sync at ${syncNow.toFixed(0)} ms`);
  } finally {
    await b.close();
    await new Promise<void>((res) => server.httpServer.close(() => res()));
  }
}

await main();
