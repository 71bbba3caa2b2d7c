/**
 * A short training run in the built page, through its `?test` hook and the real worker: the
 * browser benches' (and the wasm-threads e2e test's) one way to time steps in Chromium.
 */
import type { Page } from 'playwright-core';
import { modelConfigOfSize, type Family } from '../../spec/model-config';
import { defaultOptimizer } from '../../spec/optimizer-config';
import type { DataSource, RunSpec } from '../../protocol/messages';

/**
 * The browser benches' run: one AdamW method (the engine's defaults at `lr`) at a constant rate,
 * no augmentation, no evaluation until the end, cut at `maxSteps` (passed into the page as data).
 */
export function adamwBenchRun(batchSize: number, maxSteps: number, lr: number): RunSpec {
  return {
    methods: [
      { id: 'adamw', label: 'AdamW', optimizer: defaultOptimizer('adamw', lr), freeze: [] },
    ],
    schedule: { kind: 'constant' },
    epochs: 100,
    batchSize,
    seed: 0,
    evalEvery: 100_000,
    maxSteps,
    augment: false,
  };
}

/** What the worker said about its backend, and a short AdamW run's per-step numbers. */
export interface PageRun {
  backend: { name: string; wasm?: { threads: number; crossOriginIsolated: boolean } };
  stepMs: number[];
  losses: number[];
  /** Page-side, from 'start' to the first step's metrics: shader compilation, start evaluation, step 1. */
  toFirstStepMs: number;
}

/** The wasm threads e2e test's name for it. */
export type WasmRun = PageRun;

/** Waits for the page's test hook and the worker's first 'ready' (its backend shown on the page); that backend's name. */
export async function pageBackend(page: Page): Promise<string> {
  await page.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
  await page.waitForSelector('[data-backend]', { timeout: 120_000 });
  return (await page.getAttribute('[data-backend]', 'data-backend')) ?? '?';
}

/** The benches' data: a small subset of the subpopulation benchmark (passed into the page as data). */
const BENCH_DATA: DataSource = {
  benchmark: 'subpopulation',
  seed: 0,
  trainPerClass: 32,
  valPerClass: 2,
  oodPerClass: 2,
};

/**
 * On a page opened with `?test&backend=...` (after pageBackend): loads a micro model from
 * scratch (seed 0) on a small subset and trains `steps` AdamW steps at `batch` and `lr`.
 * A failed load or run throws with the worker's message.
 */
export async function trainInPage(
  page: Page,
  opts: { family: Family; batch: number; steps: number; lr: number },
): Promise<PageRun> {
  return page.evaluate(
    async ({ config, run, data }) => {
      type Client = {
        send: (c: unknown) => void;
        next: (p: (e: { type: string }) => boolean, t?: number) => Promise<unknown>;
        on: (f: (e: unknown) => void) => () => void;
      };
      const ftp = (
        window as unknown as {
          __ftp: { client: Client; store: { getState: () => { backend: unknown } } };
        }
      ).__ftp;
      const backend = ftp.store.getState().backend as PageRun['backend'];
      const client = ftp.client;
      client.send({
        type: 'load',
        model: { kind: 'scratch', config, seed: 0 },
        data,
      });
      const loaded = (await client.next(
        (e) => e.type === 'loaded' || e.type === 'error',
        300_000,
      )) as { type: string; message?: string };
      if (loaded.type === 'error')
        throw new Error(`load failed: ${loaded.message ?? JSON.stringify(loaded)}`);
      const stepMs: number[] = [];
      const losses: number[] = [];
      let firstAt = 0;
      const off = client.on((e) => {
        const m = e as { type: string; steps?: { event: { stepMs: number; loss: number } }[] };
        if (m.type !== 'metrics') return;
        if (!firstAt) firstAt = performance.now();
        for (const s of m.steps ?? []) {
          stepMs.push(s.event.stepMs);
          losses.push(s.event.loss);
        }
      });
      const startedAt = performance.now();
      client.send({ type: 'start', run });
      const done = (await client.next(
        (e) => e.type === 'run-done' || e.type === 'error',
        600_000,
      )) as { type: string; message?: string };
      off();
      if (done.type === 'error')
        throw new Error(`run failed: ${done.message ?? JSON.stringify(done)}`);
      return { backend, stepMs, losses, toFirstStepMs: firstAt - startedAt };
    },
    {
      config: modelConfigOfSize(opts.family, 'micro'),
      run: adamwBenchRun(opts.batch, opts.steps, opts.lr),
      data: BENCH_DATA,
    },
  );
}

/** The wasm threads bench's run (and its e2e test's): AdamW at 1e-3 on a page opened with `?test&backend=wasm`. */
export async function trainWasmInPage(
  page: Page,
  opts: { family: Family; batch: number; steps: number },
): Promise<PageRun> {
  await pageBackend(page);
  return trainInPage(page, { ...opts, lr: 1e-3 });
}
