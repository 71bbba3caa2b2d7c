/**
 * The page's main thread during a bench or test run, from the Long Tasks API (issue #25 item 4:
 * never blocked for more than 50 ms while training). `observeLongTasks` registers a buffered
 * PerformanceObserver before the page's own scripts run (Playwright's addInitScript), so no task
 * of the page's start is missed; `longTasksBetween` reads the tasks that began in a window of
 * the page's clock (performance.now()); `taskStats` sums them up. A long task is one of 50 ms or
 * more, measured in wall time: on a loaded machine a short task the OS descheduled counts too.
 */
import type { Page } from 'playwright-core';

export interface LongTask {
  /** performance.now() at the task's start, ms. */
  start: number;
  duration: number;
}

export interface TaskStats {
  /** Long tasks (>= 50 ms, the API's threshold) in the window. */
  count: number;
  /** The longest, ms (0 when none). */
  longest: number;
  /** The 95th percentile of the long tasks' durations, ms (0 when none). */
  p95: number;
  /** Tasks over 50 ms (the goal's bound; the API also reports exactly 50). */
  over50: number;
}

type Win = { __benchLongTasks?: LongTask[] };

/** Before `page.goto`: every long task of the pages this page loads is kept in the page. */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Win;
    w.__benchLongTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__benchLongTasks?.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The page's clock now (ms): the bounds of a window. */
export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** The long tasks that began in [from, to] of the page's clock (observeLongTasks first). */
export function longTasksBetween(page: Page, from: number, to: number): Promise<LongTask[]> {
  return page.evaluate(
    ([a, b]) =>
      ((window as unknown as Win).__benchLongTasks ?? []).filter(
        (t) => t.start >= a && t.start <= b,
      ),
    [from, to] as const,
  );
}

/** Count, longest, 95th percentile (nearest rank) and how many exceed 50 ms. */
export function taskStats(tasks: readonly LongTask[]): TaskStats {
  const d = tasks.map((t) => t.duration).sort((a, b) => a - b);
  const rank = Math.ceil(0.95 * d.length) - 1;
  return {
    count: d.length,
    longest: d.at(-1) ?? 0,
    p95: d[Math.max(0, rank)] ?? 0,
    over50: d.filter((x) => x > 50).length,
  };
}

/** "longest 85 ms, p95 61 ms, 12 tasks > 50 ms (of 14 long tasks)". */
export function formatTaskStats(s: TaskStats): string {
  return `longest ${s.longest.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, ${s.over50} tasks > 50 ms (of ${s.count} long tasks)`;
}
