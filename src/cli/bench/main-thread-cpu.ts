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
  /** The five longest by CPU: s from the first task, and ms of CPU. */
  top: { at: number; ms: number }[];
}

/** A Chromium trace event (the fields the benches read). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { message?: string } };
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

/** Ends a trace started with `transferMode: 'ReturnAsStream'` and reads its events. */
export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
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
  const byThread = new Map<string, { at: number; ms: number }[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mains.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push({ at: e.ts, ms: (e.tdur ?? 0) / 1000 });
    byThread.set(key, list);
  }
  const sum = (xs: { ms: number }[]): number => xs.reduce((a, x) => a + x.ms, 0);
  const tasks = [...byThread.values()].sort((a, b) => sum(b) - sum(a))[0] ?? [];
  const ms = tasks.map((t) => t.ms);
  const t0 = tasks.reduce((a, t) => Math.min(a, t.at), Infinity);
  const top = [...tasks].sort((a, b) => b.ms - a.ms).slice(0, 5);
  return {
    tasks: ms.length,
    longest: ms.reduce((a, x) => Math.max(a, x), 0),
    over50: ms.filter((x) => x > 50).length,
    totalS: sum(tasks) / 1000,
    top: top.map((t) => ({ at: (t.at - t0) / 1e6, ms: t.ms })),
  };
}

/** "longest 41 ms, 0 tasks > 50 ms (of 51234 tasks, 38.2 s of CPU); longest at 3.1 s 41 ms, ...". */
export function formatCpuStats(s: CpuTaskStats): string {
  const top = s.top.map((t) => `${t.at.toFixed(1)} s ${t.ms.toFixed(0)} ms`).join(', ');
  return `longest ${s.longest.toFixed(0)} ms, ${s.over50} tasks > 50 ms (of ${s.tasks} tasks, ${s.totalS.toFixed(1)} s of CPU); the longest at ${top}`;
}
