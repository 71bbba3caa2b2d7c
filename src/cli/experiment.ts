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
 * The PyTorch twin, tools/experiment/matrix.py, runs the same recipe (tools/experiment/experiment-recipe.json).
 * Progress with an ETA goes to stderr; results are JSON files, one per run.
 */
import { useBackend } from './node-backend';
import { loadRecipe } from './experiment/load-recipe';
import { runPreset } from './experiment/preset-run';
import { runTsMatrix } from './experiment/ts-matrix';
import { runGradRatios } from './experiment/grad-ratio-run';
import { writeReport } from './experiment/write-report';
import { parseExperimentArgs } from './experiment/args';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const a = parseExperimentArgs(process.argv.slice(2));
  const recipe = loadRecipe();
  if (a.epochs !== undefined) recipe.epochs = a.epochs;
  if (a.report) {
    writeReport(a.out, recipe, log);
    return;
  }
  log(`tfjs backend: ${await useBackend(a.backend)}`);
  const seeds = a.seeds ?? recipe.seeds;
  if (a.preset) {
    await runPreset(a.out, recipe, seeds, log, a.methods, a.design);
  } else if (a.gradRatios) {
    await runGradRatios(
      a.out,
      a.models ?? recipe.models,
      a.benchmarks ?? recipe.benchmarks,
      a.maxBatches,
      log,
    );
  } else {
    await runTsMatrix(
      a.out,
      recipe,
      {
        models: a.models ?? recipe.models,
        benchmarks: a.benchmarks ?? recipe.benchmarks,
        methods: a.methods ?? recipe.defaultMethods,
        seeds,
      },
      log,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`experiment failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
