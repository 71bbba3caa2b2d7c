/**
 * How many steps a configuration asks of each method, and the longest run the page accepts.
 * A link can ask for anything the controls parse: `#epochs=10000&batch=15` is a million steps
 * a method (`steps` only caps the epochs' steps). Such a run is refused before it starts, with
 * the reason, rather than left to exhaust the tab.
 *
 * Why 100,000 steps a method. Memory no longer sets the limit: a method's history keeps at
 * most ~2,000 step events and 256 evaluations whatever the length (store/method-history-bounds.ts),
 * where it used to keep every step (~2 KB of the page's memory each for the micro ViT, measured
 * in V8: 10^6 steps of the four-method comparison would have been ~8 GB, past V8's 4 GB heap).
 * What is left is time and what a tab can promise: the micro ViT steps ~1.5 times a second on
 * the CPU backend (docs/performance.md), so 100,000 steps of four methods take three days
 * there, and still hours on a GPU at 20 steps a second (every step waits for one readback):
 * as long as a page can be counted on to stay open, awake and in the foreground (background
 * tabs are throttled). Past it the older part of the curves would also be down to one point
 * in 100 steps or fewer. Longer runs are for the PyTorch twin (tools/experiment).
 */
import { benchmarkSummary } from '../../data/spec/benchmark-catalog';
import { RECIPE } from '../../presets/experiment-recipe';
import type { Config } from './settings-table';

export const MAX_STEPS_PER_METHOD = 100_000;

/** Batches per epoch, as the engine counts them (core/train/run.ts stepsPerEpoch: the last partial batch is dropped). */
export function stepsPerEpoch(trainImages: number, batchSize: number): number {
  return Math.max(1, Math.floor(trainImages / batchSize));
}

/**
 * Training images a benchmark configuration asks for: images per class times the classes
 * ticked (or all of the benchmark's). An upper bound: a benchmark may have fewer to give.
 */
export function trainImagesOf(c: Config): number {
  const classes = c.classes.length || benchmarkSummary(c.benchmark).classNames.length;
  return c.perClass * classes;
}

/**
 * Training images the run will have: the imported ones' count when the user's own images
 * replace the benchmark (0 before an import: then Load refuses anyway), else the benchmark's.
 */
export function trainImagesFor(
  c: Config,
  own: { active: boolean; result: { sets: { train: { n: number } } } | null },
): number {
  return own.active ? (own.result?.sets.train.n ?? 0) : trainImagesOf(c);
}

/** LP-FT's head-only epochs, which come before the run's own (core/train/linear-probe.ts): the most a ticked method adds. */
export function probeEpochsOf(c: Config): number {
  return Math.max(0, ...c.methods.map((id) => RECIPE.methods[id]?.lpEpochs ?? 0));
}

/** Steps the longest method would train: every epoch (LP-FT's head-only ones included), or the step cap when it is set and shorter. */
export function plannedSteps(c: Config, trainImages: number): number {
  const all = stepsPerEpoch(trainImages, c.batchSize) * (c.epochs + probeEpochsOf(c));
  return c.steps > 0 ? Math.min(c.steps, all) : all;
}

/** Why the page will not run this configuration, or null when it will. */
export function runLengthProblem(c: Config, trainImages: number = trainImagesOf(c)): string | null {
  const steps = plannedSteps(c, trainImages);
  if (steps <= MAX_STEPS_PER_METHOD) return null;
  const n = (x: number): string => x.toLocaleString('en-US');
  const methods = Math.max(1, c.methods.length);
  const lp = probeEpochsOf(c);
  const epochs = `${n(c.epochs)} epochs${lp ? ` (+${lp} head-only for LP-FT)` : ''}`;
  const asked =
    c.steps > 0 && c.steps <= stepsPerEpoch(trainImages, c.batchSize) * (c.epochs + lp)
      ? `a cap of ${n(c.steps)} steps`
      : `${epochs} of ${n(stepsPerEpoch(trainImages, c.batchSize))} steps (batch ${n(c.batchSize)})`;
  return (
    `This run asks for ${n(steps)} steps per method (${asked}${methods > 1 ? `, ${n(steps * methods)} steps for ${methods} methods` : ''}). ` +
    `The page runs at most ${n(MAX_STEPS_PER_METHOD)} steps per method: longer would take days in a browser tab, which must stay open and awake throughout. ` +
    'Lower the steps per method or the epochs, or raise the batch size.'
  );
}
