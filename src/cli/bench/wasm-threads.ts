/**
 * `npm run bench -- --wasm-threads [--models vit,convnext,resnet] [--batch 16] [--browser-steps 6] [--reps 3]`:
 * tfjs-backend-wasm threaded against single-threaded in Chromium, through the real worker.
 * The same test build is served twice by `vite preview`: once cross-origin isolated (COOP +
 * COEP, as vite.config.ts sets: tfjs loads its threaded SIMD binary) and once without those
 * headers (as GitHub Pages serves it: the SIMD binary, one thread). Each rep runs every model on
 * both, alternating which goes first, so the machine's load hits both alike; a fresh browser per
 * page. Reports the median steady step of each side, the ratio, and whether the first losses
 * agree. The threaded side runs only if WASM_THREADS is on (src/worker/wasm-backend.ts).
 */
import { preview, type PreviewServer } from 'vite';
import type { Page } from 'playwright-core';
import { modelConfigOfSize, FAMILIES, type Family } from '../../core/spec/model-config';
import { buildSite, TEST_SITE_DIR } from '../build-site';
import { hasChromium, openBrowser } from '../chromium';
import { adamwBenchRun } from './browser';

/** What the worker said about the wasm backend, and a short AdamW run's per-step numbers. */
export interface WasmRun {
  backend: { name: string; wasm?: { threads: number; crossOriginIsolated: boolean } };
  stepMs: number[];
  losses: number[];
}

/**
 * On a page opened with `?test&backend=wasm`: waits for the worker's backend, loads a micro
 * model from scratch (seed 0) on a small subset, trains `steps` AdamW steps at `batch`.
 */
export async function trainWasmInPage(page: Page, opts: { family: Family; batch: number; steps: number }): Promise<WasmRun> {
  await page.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
  await page.waitForSelector('[data-backend]', { timeout: 120_000 });
  return page.evaluate(
    async ({ config, run }) => {
      type Client = { send: (c: unknown) => void; next: (p: (e: { type: string }) => boolean, t?: number) => Promise<unknown>; on: (f: (e: unknown) => void) => () => void };
      const ftp = (window as unknown as { __ftp: { client: Client; store: { getState: () => { backend: unknown } } } }).__ftp;
      const backend = ftp.store.getState().backend as WasmRun['backend'];
      const client = ftp.client;
      client.send({ type: 'load', model: { kind: 'scratch', config, seed: 0 }, data: { benchmark: 'subpopulation', seed: 0, trainPerClass: 32, valPerClass: 2, oodPerClass: 2 } });
      const loaded = (await client.next((e) => e.type === 'loaded' || e.type === 'error', 300_000)) as { type: string; message?: string };
      if (loaded.type === 'error') throw new Error(`load failed: ${loaded.message ?? JSON.stringify(loaded)}`);
      const stepMs: number[] = [];
      const losses: number[] = [];
      const off = client.on((e) => {
        const m = e as { type: string; steps?: { event: { stepMs: number; loss: number } }[] };
        if (m.type !== 'metrics') return;
        for (const s of m.steps ?? []) {
          stepMs.push(s.event.stepMs);
          losses.push(s.event.loss);
        }
      });
      client.send({ type: 'start', run });
      const done = (await client.next((e) => e.type === 'run-done' || e.type === 'error', 600_000)) as { type: string; message?: string };
      off();
      if (done.type === 'error') throw new Error(`run failed: ${done.message ?? JSON.stringify(done)}`);
      return { backend, stepMs, losses };
    },
    { config: modelConfigOfSize(opts.family, 'micro'), run: adamwBenchRun(opts.batch, opts.steps, 1e-3) },
  );
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor(s.length / 2)] as number) : NaN;
};

/** Vite preview of the test build; `isolated: false` overrides vite.config.ts's COOP/COEP. */
async function serve(isolated: boolean): Promise<{ url: string; server: PreviewServer }> {
  const headers = isolated ? {} : { 'Cross-Origin-Opener-Policy': 'unsafe-none', 'Cross-Origin-Embedder-Policy': 'unsafe-none' };
  const server = await preview({ build: { outDir: TEST_SITE_DIR }, preview: { port: 0, host: '127.0.0.1', headers }, logLevel: 'warn' });
  return { url: server.resolvedUrls?.local[0] as string, server };
}

export async function benchWasmThreads(opts: { batch: number; steps: number; reps: number; families?: readonly Family[] }): Promise<void> {
  if (!hasChromium) throw new Error('the wasm threads bench needs Chromium at /usr/bin/chromium (apt-get install -y chromium)');
  // Threads on in this build whatever the shipped default (VITE_WASM_THREADS, wasm-backend.ts).
  buildSite({ outDir: TEST_SITE_DIR, testHooks: true, wasmThreads: true });
  const sides = { threaded: await serve(true), single: await serve(false) };
  type Side = keyof typeof sides;
  const runs: { family: Family; side: Side; rep: number; threads: number; steadyMs: number; firstMs: number; losses: number[] }[] = [];
  try {
    for (let rep = 0; rep < opts.reps; rep++) {
      for (const family of opts.families ?? FAMILIES) {
        const order: Side[] = rep % 2 === 0 ? ['threaded', 'single'] : ['single', 'threaded'];
        for (const side of order) {
          const b = await openBrowser({ webgpu: false });
          try {
            await b.page.goto(`${sides[side].url}?test&backend=wasm`);
            const r = await trainWasmInPage(b.page, { family, batch: opts.batch, steps: opts.steps });
            const threads = r.backend.wasm?.threads ?? 1;
            const steadyMs = median(r.stepMs.slice(1));
            runs.push({ family, side, rep, threads, steadyMs, firstMs: r.stepMs[0] ?? NaN, losses: r.losses });
            process.stderr.write(`  wasm threads bench: rep ${rep} ${family} ${side} (${threads} thread${threads > 1 ? 's' : ''}, isolated ${r.backend.wasm?.crossOriginIsolated}): steady ${steadyMs.toFixed(0)} ms, steps ${r.stepMs.map((x) => x.toFixed(0)).join(' ')}\n`);
          } finally {
            await b.close();
          }
        }
      }
    }
  } finally {
    for (const s of Object.values(sides)) await new Promise<void>((res) => s.server.httpServer.close(() => res()));
  }
  console.log(`\n## wasm in Chromium: threaded (cross-origin isolated) vs single-threaded, batch ${opts.batch}, AdamW, median steady step of ${opts.steps - 1} steps, ${opts.reps} interleaved reps\n`);
  console.log('| model | threads | threaded ms per rep | single ms per rep | threaded median ms | single median ms | single / threaded (>1: threads faster) | first losses equal |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const family of opts.families ?? FAMILIES) {
    const t = runs.filter((r) => r.family === family && r.side === 'threaded');
    const s = runs.filter((r) => r.family === family && r.side === 'single');
    const tm = median(t.map((r) => r.steadyMs));
    const sm = median(s.map((r) => r.steadyMs));
    const ref = s[0]?.losses ?? [];
    const maxDiff = Math.max(...t.flatMap((r) => r.losses.map((l, i) => Math.abs(l - (ref[i] ?? NaN)))));
    console.log(
      `| ${family} | ${[...new Set(t.map((r) => r.threads))].join('/')} | ${t.map((r) => r.steadyMs.toFixed(0)).join(', ')} | ${s.map((r) => r.steadyMs.toFixed(0)).join(', ')} | ${tm.toFixed(0)} | ${sm.toFixed(0)} | ${(sm / tm).toFixed(2)}x | max diff ${maxDiff.toExponential(1)} |`,
    );
  }
}
