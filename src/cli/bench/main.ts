/**
 * npm run bench -- [command] [--batch 16] [--reps 5] [--models vit,convnext,resnet] [flags]
 *
 * The one bench harness (`npm run bench -- help` lists the commands; args.ts maps the old flags):
 * - all (the default): kernels per training step for every model x {sgd, sgd-momentum, adamw} x
 *   {freeze-embed off, on} (tf.profile, deterministic: kernel-count.ts), GPU dispatches per
 *   AdamW step on Dawn where dawn.node is fetched (dispatches.ts), the instrumentation cost of
 *   the step (step-cost.ts), memory per method (memory.ts) and the engine beside PyTorch CPU
 *   (torch.ts; skipped with --no-torch or when /usr/bin/python3 has no torch) and, where
 *   Chromium is, the page's main thread while the default lesson trains (main-thread.ts, a
 *   20-step cut: the longest task's wall and CPU time; --no-main-thread skips it); --browser
 *   adds the browser table.
 * - kernels [--json]: the kernel table and the dispatches alone; --json: only the counts, one
 *   JSON object per line: {model, optimizer, freeze, batch, kernelsPerStep, cpuKernelsPerStep}.
 * - torch: the engine beside PyTorch alone.
 * - conv: the ResNet's convolutions in GFLOP/s, wasm beside PyTorch, and XNNPACK's matmul ceiling
 *   (conv-gflops.ts).
 * - profile: a wasm AdamW step per tfjs kernel (wasm-profile.ts): where the step spends its time.
 * - main-thread [--steps N] [--workers N]: the main thread's measurement alone.
 * - browser, wasm-threads, lesson: in Chromium through the real worker (browser.ts,
 *   wasm-threads.ts, lesson.ts; one test-site setup, test-site.ts).
 * - history [--long]: the run history's cost per save (tools/bench/history-bench.ts).
 * The GPU kit (tools/gpu-kit) bundles dawn-bench.ts, which runs on a machine with a real GPU.
 * Prints markdown tables. Absolute times on a 2-core machine are noisy: read the ratios.
 */
import { spawnSync } from 'node:child_process';
import { hasTorch } from '../python';
import { useCpuBackend } from '../node-backend';
import { FlagError } from '../flags';
import { parseBenchArgs, usage, type BenchArgs } from './args';
import { benchBrowser } from './browser';
import { benchDispatches } from './dispatches';
import { countKernels, OPTIMIZER_KINDS, type KernelCount } from './kernel-count';
import { benchLesson, type LessonPreset } from './lesson';
import { benchMainThread } from './main-thread';
import { hasChromium } from '../chromium';
import { MEMORY_HEADER, memoryRows } from './memory';
import { STEP_COST_HEADER, stepCost } from './step-cost';
import { benchTorch } from './torch';
import { benchWasmThreads } from './wasm-threads';
import { benchWasmProfile } from './wasm-profile';
import { benchConvGflops } from './conv-gflops';

/** Kernels per step first: deterministic, and what predicts GPU speed (one dispatch each). Returns the backend. */
async function kernels(a: BenchArgs): Promise<string> {
  const backend = await useCpuBackend();
  const counts: KernelCount[] = [];
  for (const f of a.families)
    for (const o of OPTIMIZER_KINDS)
      for (const fr of [false, true]) counts.push(await countKernels(f, o, fr, a.batch));
  if (a.json) {
    for (const c of counts) console.log(JSON.stringify(c));
    return backend;
  }
  console.log(
    `## Kernels per training step (tf.profile, batch ${a.batch}; on WebGPU one dispatch each at most; tools/gpu-kit counts the real dispatches)\n`,
  );
  console.log(
    '| model | optimizer | freeze-embed | kernels / step (generic optimizer and BatchNorm ops: webgl) | kernels / step (multi-tensor optimizer update and BatchNorm kernels, as the cpu backend runs it; wasm is close) |',
  );
  console.log('|---|---|---|---|---|');
  for (const c of counts)
    console.log(
      `| ${c.model} | ${c.optimizer} | ${c.freeze ? 'on' : 'off'} | ${c.kernelsPerStep.toLocaleString('en-US')} | ${c.cpuKernelsPerStep.toLocaleString('en-US')} |`,
    );
  benchDispatches(a.families, a.batch);
  console.log('');
  return backend;
}

async function all(a: BenchArgs): Promise<void> {
  const backend = await kernels(a);
  console.log(
    `# Fine-Tune Playground bench (backend: ${backend}, node ${process.version}, batch ${a.batch}, ${a.reps} reps)\n`,
  );
  console.log(
    '## Instrumentation cost: full step (per-parameter grad norms, one readback) vs plain step\n',
  );
  for (const l of STEP_COST_HEADER) console.log(l);
  for (const f of a.families) console.log(await stepCost(f, a.batch, a.reps));
  console.log('\n## Memory per optimizer: accounting vs tf.memory()\n');
  for (const l of MEMORY_HEADER) console.log(l);
  for (const f of a.families) for (const r of await memoryRows(f)) console.log(r);
  if (!a.noTorch && hasTorch()) await benchTorch(a.families, a.batch, a.reps);
  else if (!a.noTorch)
    console.log(
      '\n(The PyTorch comparison needs /usr/bin/python3 with torch: apt-get install -y python3-torch.)',
    );
  if (a.browser) await benchBrowser(browserOptions(a));
  if (!a.noMainThread && hasChromium) await benchMainThread(20);
  else if (!a.noMainThread)
    console.log(
      "\n(The main thread's longest task is measured in Chromium: apt-get install -y chromium.)",
    );
}

const browserOptions = (a: BenchArgs) => ({
  batch: a.batch,
  steps: a.steps ?? 5,
  families: a.families,
  ...(a.backends ? { backends: a.backends } : {}),
});

function lessonPreset(p: string): LessonPreset {
  if (p === 'classroom' || p === 'full-run') return p;
  throw new FlagError(`--preset ${p}: use classroom or full-run`);
}

/** The history bench lives with the page's code it measures (tools/bench): run as its own process. */
function history(a: BenchArgs): void {
  const r = spawnSync(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      'tools/bench/history-bench.ts',
      ...(a.long ? ['--long'] : []),
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`tools/bench/history-bench.ts failed (exit ${r.status})`);
}

async function main(a: BenchArgs): Promise<void> {
  switch (a.command) {
    case 'all':
      return all(a);
    case 'kernels':
      await kernels(a);
      return;
    case 'torch':
      await useCpuBackend();
      return benchTorch(a.families, a.batch, a.reps, {
        cpu: !a.noCpu,
        wasmGeneric: a.generic,
      });
    case 'conv':
      return benchConvGflops(a.batch, a.reps);
    case 'profile':
      return benchWasmProfile(a.families, a.batch, a.reps);
    case 'browser':
      return benchBrowser(browserOptions(a));
    case 'wasm-threads':
      return benchWasmThreads({
        batch: a.batch,
        steps: a.steps ?? 5,
        reps: a.reps,
        families: a.families,
      });
    case 'main-thread':
      await benchMainThread(a.steps ?? 20, a.workers);
      return;
    case 'lesson':
      await benchLesson({
        backends: a.backends ?? ['cpu'],
        cutSteps: a.steps,
        noCharts: a.noCharts,
        preset: lessonPreset(a.preset),
        workers: a.workers,
      });
      return;
    case 'history':
      return history(a);
    case 'help':
      console.log(usage());
  }
}

try {
  await main(parseBenchArgs(process.argv.slice(2)));
} catch (e) {
  if (
    !(e instanceof FlagError) &&
    !(e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
  )
    throw e;
  console.error(`${e.message}\n\n${usage()}`);
  process.exitCode = 2;
}
