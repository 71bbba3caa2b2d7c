/** Driving the app's training client from a test, through the page's ?test hook. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { REPLY_TYPE, type Notice, type RequestBody } from '../../src/protocol/messages';
import type { ClientEvent } from '../../src/ui/worker-client/training-client';

/** Opens the app with the test hook: every event its client receives is recorded from its start. */
export async function gotoApp(page: Page, baseUrl: string, query = ''): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${baseUrl}?test${query}`);
  // The page's test hook records every event from the client's start (src/ui/test-hooks.ts).
  await page.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
}

/**
 * Sends a command through the page's client: a request (numbered by the client; its answer,
 * like every event, is recorded) or a notice. Wait for what follows with waitFor().
 */
export async function send(page: Page, cmd: Notice | RequestBody): Promise<void> {
  type Client = { send: (c: unknown) => void; request: (c: unknown) => Promise<unknown> };
  const isRequest = cmd.type in REPLY_TYPE;
  await page.evaluate(
    ([c, req]) => {
      const client = (window as unknown as { __ftp: { client: Client } }).__ftp.client;
      if (req) void client.request(c).catch(() => undefined);
      else client.send(c);
    },
    [cmd, isRequest] as const,
  );
}

/** Events received so far (all of them, in order). */
export function events(page: Page): Promise<ClientEvent[]> {
  return page.evaluate(() => (window as unknown as { __events: ClientEvent[] }).__events);
}

/** Waits until an event of one of `types` arrives after the first `after` events; returns it. */
export async function waitFor(
  page: Page,
  types: string[],
  after = 0,
  timeoutMs = 240_000,
): Promise<ClientEvent> {
  const handle = await page.waitForFunction(
    ([t, a]) =>
      (window as unknown as { __events: { type: string }[] }).__events
        .slice(a as number)
        .find((e) => (t as string[]).includes(e.type)),
    [types, after] as const,
    { timeout: timeoutMs, polling: 100 },
  );
  return (await handle.jsonValue()) as ClientEvent;
}

export async function longTasks(page: Page): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(
    () => (window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks,
  );
}

export function now(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/**
 * axe-core's serious and critical violations on the page as it is now (rule id and up to five
 * elements each). Injects axe from node_modules once per page load; the site does not ship it.
 * Evaluated through the DevTools protocol, not added as a <script>: the site's CSP (rightly)
 * refuses inline scripts, and a test tool must not need the policy loosened.
 */
export async function axeSerious(page: Page): Promise<{ id: string; targets: unknown[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate(
      readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'),
    );
  return page.evaluate(async () => {
    type V = { id: string; impact: string | null; nodes: { target: unknown[] }[] };
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: V[] }> };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, targets: v.nodes.slice(0, 5).map((n) => n.target) }));
  });
}

/** The worker pool's end as the page saw it (ui/pool/worker-pool.ts, the store's `pool`). */
export interface PoolEnd {
  status: string;
  size: number;
  note: string | null;
  cells: {
    seed: number;
    methodId: string;
    worker: number;
    step: number;
    total: number;
    state: string;
  }[];
}

/**
 * Waits until the worker pool's run has ended (every worker's every job: not worker 0's first
 * 'run-done', which comes as soon as its first job ends) and returns the page's status and grid.
 */
export async function waitPoolEnd(page: Page, timeoutMs = 240_000): Promise<PoolEnd> {
  type Win = {
    __ftp: {
      store: {
        getState: () => {
          status: string;
          pool: (Omit<PoolEnd, 'status'> & { over: boolean }) | null;
        };
      };
    };
  };
  await page.waitForFunction(
    () => (window as unknown as Win).__ftp.store.getState().pool?.over === true,
    undefined,
    { timeout: timeoutMs, polling: 250 },
  );
  return page.evaluate(() => {
    const s = (window as unknown as Win).__ftp.store.getState();
    const p = s.pool as NonNullable<typeof s.pool>;
    return { status: s.status, size: p.size, note: p.note, cells: p.cells };
  });
}

/** Unfolds the settings (features/settings-fold.tsx: folded under the run on a plain page) so a test can use a control. */
export async function openSettings(page: Page): Promise<void> {
  const fold = page.locator('[data-testid=settings-fold]');
  if (!(await fold.evaluate((d) => (d as HTMLDetailsElement).open)))
    await fold.locator('> summary').click();
}
