/**
 * The page's main thread in CPU time (issue #25 item 4), from a Chromium trace: each task's
 * `tdur` (the thread's CPU µs) instead of the Long Tasks API's wall time, which on a loaded
 * machine counts the time the OS ran something else. Tracing runs over the DevTools protocol
 * (a persistent context has no `browser.startTracing`), with only the timeline's RunTask
 * category, so a few minutes' trace stays small; the renderer's main thread is the
 * CrRendererMain thread that spent the most CPU.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export interface CpuTaskStats {
  /** Tasks on the main thread in the window. */
  tasks: number;
  /** The longest task's CPU time, ms. */
  longest: number;
  /** Tasks over 50 ms of CPU. */
  over50: number;
  /** The main thread's CPU in all, s. */
  totalS: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

/** Starts tracing the page; the returned function stops it and sums the main thread's tasks. */
export async function traceMainThreadCpu(
  context: BrowserContext,
  page: Page,
): Promise<() => Promise<CpuTaskStats>> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      includedCategories: ['disabled-by-default-devtools.timeline'],
      excludedCategories: ['*'],
    },
  });
  return async () => {
    const events = await stopTrace(cdp);
    await cdp.detach();
    return cpuStats(events);
  };
}

async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream ?? '')),
  );
  await cdp.send('Tracing.end');
  const handle = await done;
  let text = '';
  for (;;) {
    const r = await cdp.send('IO.read', { handle, size: 1 << 22 });
    text += r.base64Encoded === true ? Buffer.from(r.data, 'base64').toString() : r.data;
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle });
  const trace = JSON.parse(text) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return Array.isArray(trace) ? trace : trace.traceEvents;
}

/** RunTask events of the CrRendererMain thread that spent the most CPU. */
export function cpuStats(events: readonly TraceEvent[]): CpuTaskStats {
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, number[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mains.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push((e.tdur ?? 0) / 1000);
    byThread.set(key, list);
  }
  const sum = (xs: number[]): number => xs.reduce((a, x) => a + x, 0);
  const ms = [...byThread.values()].sort((a, b) => sum(b) - sum(a))[0] ?? [];
  return {
    tasks: ms.length,
    longest: ms.reduce((a, x) => Math.max(a, x), 0),
    over50: ms.filter((x) => x > 50).length,
    totalS: sum(ms) / 1000,
  };
}

/** "longest 41 ms, 0 tasks > 50 ms (of 51234 tasks, 38.2 s of CPU)". */
export function formatCpuStats(s: CpuTaskStats): string {
  return `longest ${s.longest.toFixed(0)} ms, ${s.over50} tasks > 50 ms (of ${s.tasks} tasks, ${s.totalS.toFixed(1)} s of CPU)`;
}
