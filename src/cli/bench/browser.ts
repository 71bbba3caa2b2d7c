/**
 * Browser mode of the benchmark: the built app in Debian's Chromium, one page per backend
 * (webgpu, webgl, cpu, forced with ?backend=), each default micro model trained for a few
 * steps through the real worker. Reports the time to the first step (shader compilation and
 * upload included) and steps/s over the following steps, as measured inside the worker.
 * On this machine the "GPU" is SwiftShader (software): read ratios, not absolute speed.
 */
import { preview } from 'vite';
import { modelConfigOfSize, FAMILIES, type Family } from '../../core/spec/model-config';
import type { BackendName, RunSpec } from '../../protocol/messages';
import { buildSite, TEST_SITE_DIR } from '../build-site';
import { hasChromium, openBrowser } from '../chromium';

interface Row {
  backend: BackendName;
  actual: string;
  family: string;
  firstStepMs: number;
  /** From 'start' to the first step's metrics, page-side: shader compilation, start evaluation, step 1. */
  toFirstStepMs: number;
  stepsPerSec: number;
}

/**
 * The browser benches' run: one AdamW method at a constant rate, no augmentation, no evaluation
 * until the end, cut at `maxSteps` (built here, passed into the page as data).
 */
export function adamwBenchRun(batchSize: number, maxSteps: number, lr: number): RunSpec {
  return {
    methods: [{ id: 'adamw', label: 'AdamW', optimizer: { kind: 'adamw', lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }, freeze: [] }],
    schedule: { kind: 'constant' },
    epochs: 100,
    batchSize,
    seed: 0,
    evalEvery: 100_000,
    maxSteps,
    augment: false,
  };
}

export async function benchBrowser(opts: { batch: number; steps: number; backends?: readonly BackendName[]; families?: readonly Family[] }): Promise<void> {
  if (!hasChromium) throw new Error('browser bench needs Chromium at /usr/bin/chromium (apt-get install -y chromium)');
  // The page is driven through the ?test hook: a build with it, never the deployed dist/.
  buildSite({ outDir: TEST_SITE_DIR, testHooks: true });
  const server = await preview({ build: { outDir: TEST_SITE_DIR }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0] as string;
  const rows: Row[] = [];
  try {
    for (const backend of opts.backends ?? (['webgpu', 'webgl', 'wasm', 'cpu'] as const)) {
      const b = await openBrowser({ webgpu: true, webgl: true });
      try {
        await b.page.goto(`${url}?test&backend=${backend}`);
        await b.page.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
        // The backend the worker ended up on (its first 'ready' event, shown on the page).
        await b.page.waitForSelector('[data-backend]', { timeout: 120_000 });
        const actual = (await b.page.getAttribute('[data-backend]', 'data-backend')) ?? '?';
        for (const family of opts.families ?? FAMILIES) {
          process.stderr.write(`  browser bench: ${backend} ${family}\n`);
          const r = await b.page.evaluate(
            async ({ config, run }) => {
              type Client = { send: (c: unknown) => void; next: (p: (e: { type: string }) => boolean, t?: number) => Promise<unknown>; on: (f: (e: unknown) => void) => () => void };
              const client = (window as unknown as { __ftp: { client: Client } }).__ftp.client;
              client.send({ type: 'load', model: { kind: 'scratch', config, seed: 0 }, data: { benchmark: 'subpopulation', seed: 0, trainPerClass: 32, valPerClass: 2, oodPerClass: 2 } });
              await client.next((e) => e.type === 'loaded' || e.type === 'error', 300_000);
              const stepMs: number[] = [];
              let firstAt = 0;
              const off = client.on((e) => {
                const m = e as { type: string; steps?: { event: { stepMs: number } }[] };
                if (m.type === 'metrics') for (const s of m.steps ?? []) stepMs.push(s.event.stepMs);
                if (m.type === 'metrics' && !firstAt) firstAt = performance.now();
              });
              const startedAt = performance.now();
              client.send({ type: 'start', run });
              await client.next((e) => e.type === 'run-done' || e.type === 'error', 600_000);
              off();
              return { stepMs, toFirstStepMs: firstAt - startedAt };
            },
            { config: modelConfigOfSize(family, 'micro'), run: adamwBenchRun(opts.batch, opts.steps + 1, 1e-4) },
          );
          const rest = [...r.stepMs.slice(1)].sort((a, c) => a - c);
          const med = rest[Math.floor(rest.length / 2)] ?? NaN;
          rows.push({ backend, actual, family, firstStepMs: r.stepMs[0] ?? NaN, toFirstStepMs: r.toFirstStepMs, stepsPerSec: 1000 / med });
        }
      } finally {
        await b.close();
      }
    }
  } finally {
    await new Promise<void>((res) => server.httpServer.close(() => res()));
  }
  console.log(`\n## Browser: steps/s per backend in one Chromium (SwiftShader software GPU; batch ${opts.batch}, median of ${opts.steps} steps)\n`);
  console.log('| model | backend (requested -> running) | start to first step ms | first step ms | steady step ms | first / steady | steps/s | vs cpu |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const cpu = rows.find((x) => x.family === r.family && x.backend === 'cpu');
    const steady = 1000 / r.stepsPerSec;
    console.log(
      `| ${r.family} | ${r.backend} -> ${r.actual} | ${r.toFirstStepMs.toFixed(0)} | ${r.firstStepMs.toFixed(0)} | ${steady.toFixed(0)} | ${(r.firstStepMs / steady).toFixed(1)}x | ${r.stepsPerSec.toFixed(2)} | ${cpu ? (r.stepsPerSec / cpu.stepsPerSec).toFixed(2) : '-'}x |`,
    );
  }
}
