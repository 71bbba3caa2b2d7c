/**
 * `npm run bench -- wasm-threads [--models vit,convnext,resnet] [--batch 16] [--steps 6] [--reps 3]`:
 * tfjs-backend-wasm threaded against single-threaded in Chromium, through the real worker.
 * The same test build is served twice by `vite preview`: once cross-origin isolated (COOP +
 * COEP, as vite.config.ts sets: tfjs loads its threaded SIMD binary) and once without those
 * headers (as GitHub Pages serves it: the SIMD binary, one thread). Each rep runs every model on
 * both, alternating which goes first, so the machine's load hits both alike; a fresh browser per
 * page. Reports the median steady step of each side, the ratio, and whether the first losses
 * agree. The threaded side runs only if WASM_THREADS is on (src/worker/wasm-backend.ts).
 */
import { FAMILIES, type Family } from '../../spec/model-config';
import { openBrowser } from '../chromium';
import { trainWasmInPage } from './page-run';
import { median } from './stats';
import { buildTestSite, serveTestSite } from './test-site';

/** `isolated: false` overrides vite.config.ts's COOP/COEP, as GitHub Pages serves the site. */
const serve = (isolated: boolean) =>
  serveTestSite(
    isolated
      ? {}
      : {
          'Cross-Origin-Opener-Policy': 'unsafe-none',
          'Cross-Origin-Embedder-Policy': 'unsafe-none',
        },
  );

type Side = 'threaded' | 'single';

/** One model's run on one side, in one rep: the median steady step, the first step, the losses. */
interface SideRun {
  family: Family;
  side: Side;
  rep: number;
  threads: number;
  steadyMs: number;
  firstMs: number;
  losses: number[];
}

interface WasmBenchOpts {
  batch: number;
  steps: number;
  reps: number;
  families?: readonly Family[];
}

export async function benchWasmThreads(opts: WasmBenchOpts): Promise<void> {
  // Threads on in this build whatever the shipped default (VITE_WASM_THREADS, wasm-backend.ts).
  buildTestSite('the wasm threads bench', { wasmThreads: true });
  const sides = { threaded: await serve(true), single: await serve(false) };
  const runs: SideRun[] = [];
  try {
    for (let rep = 0; rep < opts.reps; rep++) {
      for (const family of opts.families ?? FAMILIES) {
        const order: Side[] = rep % 2 === 0 ? ['threaded', 'single'] : ['single', 'threaded'];
        for (const side of order)
          runs.push(await runSide(sides[side].url, family, side, rep, opts));
      }
    }
  } finally {
    for (const s of Object.values(sides)) await s.close();
  }
  printWasmThreads(runs, opts);
}

/** One model on one side, in a fresh browser. */
async function runSide(
  url: string,
  family: Family,
  side: Side,
  rep: number,
  opts: WasmBenchOpts,
): Promise<SideRun> {
  const b = await openBrowser({ webgpu: false });
  try {
    await b.page.goto(`${url}?test&backend=wasm`);
    const r = await trainWasmInPage(b.page, {
      family,
      batch: opts.batch,
      steps: opts.steps,
    });
    const threads = r.backend.wasm?.threads ?? 1;
    const steadyMs = median(r.stepMs.slice(1));
    const run: SideRun = {
      family,
      side,
      rep,
      threads,
      steadyMs,
      firstMs: r.stepMs[0] ?? NaN,
      losses: r.losses,
    };
    process.stderr.write(
      `  wasm threads bench: rep ${rep} ${family} ${side} (${threads} thread${threads > 1 ? 's' : ''}, isolated ${r.backend.wasm?.crossOriginIsolated}): steady ${steadyMs.toFixed(0)} ms, steps ${r.stepMs.map((x) => x.toFixed(0)).join(' ')}\n`,
    );
    return run;
  } finally {
    await b.close();
  }
}

/** The bench's table: per model, both sides' medians, their ratio, and whether the losses agree. */
function printWasmThreads(runs: readonly SideRun[], opts: WasmBenchOpts): void {
  console.log(
    `\n## wasm in Chromium: threaded (cross-origin isolated) vs single-threaded, batch ${opts.batch}, AdamW, median steady step of ${opts.steps - 1} steps, ${opts.reps} interleaved reps\n`,
  );
  console.log(
    '| model | threads | threaded ms per rep | single ms per rep | threaded median ms | single median ms | single / threaded (>1: threads faster) | first losses equal |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const family of opts.families ?? FAMILIES) {
    const t = runs.filter((r) => r.family === family && r.side === 'threaded');
    const s = runs.filter((r) => r.family === family && r.side === 'single');
    const tm = median(t.map((r) => r.steadyMs));
    const sm = median(s.map((r) => r.steadyMs));
    const ref = s[0]?.losses ?? [];
    const maxDiff = Math.max(
      ...t.flatMap((r) => r.losses.map((l, i) => Math.abs(l - (ref[i] ?? NaN)))),
    );
    console.log(
      `| ${family} | ${[...new Set(t.map((r) => r.threads))].join('/')} | ${t.map((r) => r.steadyMs.toFixed(0)).join(', ')} | ${s.map((r) => r.steadyMs.toFixed(0)).join(', ')} | ${tm.toFixed(0)} | ${sm.toFixed(0)} | ${(sm / tm).toFixed(2)}x | max diff ${maxDiff.toExponential(1)} |`,
    );
  }
}
