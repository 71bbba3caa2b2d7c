/**
 * `npx tsx tools/data/check-worker.ts [path/to/chromium]`: builds a tiny worker bundle,
 * serves it with public/data over HTTP, runs it in headless Chromium, and checks that every
 * benchmark comes out byte-identical to the Node build, and that images decode in the worker.
 * Exits non-zero on any difference. Needs a Chromium binary (Debian package `chromium`).
 */
import { createServer } from 'node:http';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { loadBenchmark } from '../../src/data/benchmarks/load-benchmark';
import { BENCHMARKS } from '../../src/data/benchmarks/benchmark-registry';
import { DEFAULT_DATA_DIR, nodeByteSource } from '../../src/data/node-source';
import { createShardStore } from '../../src/data/shards/shard-store';
import { CHECK_OPTIONS, splitsDigest } from './worker-check/set-digest';

interface WorkerReport {
  ok: boolean;
  error?: string;
  digests?: Record<string, string>;
  bytes?: number;
  imported?: unknown;
}

async function main(): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'data-worker-check-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: out,
      emptyOutDir: true,
      lib: {
        entry: fileURLToPath(new URL('./worker-check/worker.ts', import.meta.url)),
        formats: ['es'],
        fileName: () => 'worker.js',
      },
    },
  });
  const types: Record<string, string> = {
    '.js': 'text/javascript',
    '.html': 'text/html',
    '.json': 'application/json',
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.startsWith('/data/')
      ? join(DEFAULT_DATA_DIR, normalize(url.pathname.slice(6)))
      : join(out, normalize(url.pathname));
    const body = url.pathname === '/' ? '<!doctype html><title>worker check</title>' : undefined;
    (body !== undefined ? Promise.resolve(Buffer.from(body)) : readFile(path)).then(
      (b) => {
        res.writeHead(200, {
          'content-type':
            url.pathname === '/'
              ? 'text/html'
              : (types[extname(path)] ?? 'application/octet-stream'),
        });
        res.end(b);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: process.argv[2] ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const report = (await page.evaluate(
      () =>
        new Promise((resolve) => {
          const w = new Worker('/worker.js', { type: 'module' });
          w.onmessage = (e) => resolve(e.data);
          w.onerror = (e) => resolve({ ok: false, error: e.message });
          w.postMessage({ base: `${location.origin}/data/` });
        }),
    )) as WorkerReport;
    if (!report.ok) throw new Error(`worker failed: ${report.error}`);
    const store = createShardStore(nodeByteSource());
    let failures = 0;
    for (const b of Object.values(BENCHMARKS)) {
      const node = await splitsDigest((await loadBenchmark(b, store, CHECK_OPTIONS)).sets);
      const same = report.digests?.[b.name] === node;
      if (!same) failures++;
      console.log(
        `${b.name.padEnd(14)} node ${node.slice(0, 16)} worker ${report.digests?.[b.name]?.slice(0, 16)} ${same ? 'same' : 'DIFFERENT'}`,
      );
    }
    console.log(
      `worker fetched ${report.bytes} bytes; import in worker: ${JSON.stringify(report.imported)}`,
    );
    if (failures > 0) process.exitCode = 1;
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
