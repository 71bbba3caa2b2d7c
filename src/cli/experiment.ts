/**
 * npm run experiment -- [options]     (the TS engine, tfjs CPU backend, in Node)
 *
 *   (no mode)          the matrix: --models --benchmarks --methods --seeds --epochs; per cell a
 *                      learning-rate sweep at the sweep seed, then the other seeds at the rate
 *                      ID validation picked. Resumes from .cache/experiments/tfjs. A benchmark
 *                      named <name>-s<NN> runs at shift strength NN/10 (acquisition-s10: 1.0).
 *   --preset           the classroom preset (src/presets/classroom.ts), or --design <name> of
 *                      src/cli/experiment/lesson-designs.ts: its methods at its
 *                      learning rates, on its data subset, for --seeds; prints time per run.
 *   --backend cpu|wasm the tfjs backend (default cpu, the reference; wasm is the fast path).
 *   --grad-ratios      the paper's gradient statistic at each checkpoint (--max-batches N to
 *                      average over fewer than one epoch of batches).
 *   --report           reads .cache/experiments/{torch,tfjs}, writes docs/results/{runs.csv,
 *                      summary.json} and the generated tables in docs/results.md.
 *
 * The PyTorch twin, tools/experiment/matrix.py, runs the same recipe (tools/experiment/recipe.json).
 * Progress with an ETA goes to stderr; results are JSON files, one per run.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { useBackend } from './node-backend';
import { loadRecipe } from './experiment/recipe';
import { runPreset } from './experiment/preset-run';
import { runTsMatrix } from './experiment/ts-matrix';
import { runGradRatios } from './experiment/grad-ratio-run';
import { writeReport } from './experiment/write-report';

const { values: a } = parseArgs({
  options: {
    models: { type: 'string' },
    benchmarks: { type: 'string' },
    methods: { type: 'string' },
    seeds: { type: 'string' },
    epochs: { type: 'string' },
    out: { type: 'string', default: fileURLToPath(new URL('../../.cache/experiments/', import.meta.url)) },
    preset: { type: 'boolean', default: false },
    design: { type: 'string' },
    backend: { type: 'string', default: 'cpu' },
    'grad-ratios': { type: 'boolean', default: false },
    'max-batches': { type: 'string' },
    report: { type: 'boolean', default: false },
  },
});

const list = (s: string | undefined, dflt: string[]): string[] => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : dflt);
const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const recipe = loadRecipe();
  if (a.epochs) recipe.epochs = Number(a.epochs);
  const root = a.out as string;
  if (a.report) {
    writeReport(root, recipe, log);
    return;
  }
  if (a.backend !== 'cpu' && a.backend !== 'wasm') throw new Error(`--backend must be cpu or wasm, not "${a.backend}"`);
  log(`tfjs backend: ${await useBackend(a.backend)}`);
  const seeds = list(a.seeds, recipe.seeds.map(String)).map(Number);
  if (a.preset) {
    await runPreset(root, recipe, seeds, log, a.methods ? list(a.methods, []) : undefined, a.design);
  } else if (a['grad-ratios']) {
    await runGradRatios(root, list(a.models, recipe.models), list(a.benchmarks, recipe.benchmarks), a['max-batches'] ? Number(a['max-batches']) : undefined, log);
  } else {
    await runTsMatrix(root, recipe, {
      models: list(a.models, recipe.models),
      benchmarks: list(a.benchmarks, recipe.benchmarks),
      methods: list(a.methods, recipe.defaultMethods),
      seeds,
    }, log);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`experiment failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
