/**
 * One training step of a run (run.ts) and the evaluations between steps: what every step
 * shares, the step itself with its 'step' event, when an evaluation is due, and the evaluation
 * with its 'eval' event (keeping the run's best and last).
 */
import type { SplitSets } from '../image-set';
import type { ModelInstance } from '../models/instance';
import { layerDrift, type snapshotParams } from '../metrics/drift';
import type { Optimizer, TrainedParam } from '../optim/optimizer';
import type { Rng } from '../rng';
import { makeBatch, type Normalize } from './batch';
import { evaluateSplits } from './evaluate';
import type { EvalEvent } from './events';
import { trainStep } from './step';
import type { RunHooks } from './run-types';

/** Weight bytes, from the parameter tensors themselves (frozen ones included: they are held). */
export const weightBytesOf = (model: ModelInstance): number =>
  model.def.specs.reduce(
    (n, s) => (s.kind === 'param' ? n + (model.vars.get(s.name)?.size ?? 0) * 4 : n),
    0,
  );

/** What every step of a run shares. */
export interface StepContext {
  model: ModelInstance;
  data: SplitSets;
  norm: Normalize;
  hooks: RunHooks;
  augRng: Rng;
  now: () => number;
  bs: number;
  lastStep: number;
  weightBytes: number;
}

/** Trains on the rows `idx` (step `step` of the run, 0-based) and emits its 'step' event; the batch is freed whatever happens. */
export async function trainOne(
  c: StepContext,
  optimizer: Optimizer,
  params: readonly TrainedParam[],
  idx: Int32Array,
  step: number,
  epoch: number,
  lr: number,
): Promise<void> {
  const aug = c.hooks.augment?.(c.data.train.pixels, idx, c.augRng);
  const { x, y } = makeBatch(c.data.train, idx, c.norm, aug);
  const ts = c.now();
  try {
    const r = await trainStep(c.model, optimizer, params, x, y, lr, { step });
    const stepMs = c.now() - ts;
    c.hooks.onEvent({
      type: 'step',
      step: step + 1,
      epoch,
      totalSteps: c.lastStep,
      loss: r.loss,
      lr,
      gradNorms: r.gradNorms as NonNullable<typeof r.gradNorms>,
      stepMs,
      imagesPerSec: (c.bs * 1000) / Math.max(stepMs, 1e-3),
      trainingBytes: c.weightBytes + optimizer.stateBytes() + r.gradBytes,
    });
  } finally {
    x.dispose();
    y.dispose();
  }
}

/** Whether an evaluation follows `step` steps: every evalEvery steps (or at each epoch's end when 0), and after the last. */
export const evalDue = (
  step: number,
  endOfEpoch: boolean,
  evalEvery: number,
  lastStep: number,
): boolean =>
  (evalEvery > 0 && step % evalEvery === 0) || (evalEvery <= 0 && endOfEpoch) || step === lastStep;

/** What a run has done so far: its steps, the optimizer (afresh at LP-FT's switch), the starting weights (for the drift) and its evaluations. */
export interface RunState {
  step: number;
  optimizer: Optimizer;
  w0: Awaited<ReturnType<typeof snapshotParams>>;
  best: EvalEvent | null;
  last: EvalEvent | null;
}

/**
 * Evaluates the weights after s.step steps (with the host's accuracies of the starting weights
 * when `start` and it has them) and emits the 'eval' event; keeps it as the last, and as the
 * best over the fine-tuning evaluations (as the CLI: LP-FT's probe's would report linear
 * probing, so evaluations up to lpSteps do not count).
 */
export async function evalNow(
  c: StepContext,
  s: RunState,
  lpSteps: number,
  epoch: number,
  start = false,
): Promise<void> {
  const { id, ood } =
    start && c.hooks.startAccuracy
      ? await c.hooks.startAccuracy()
      : await evaluateSplits(c.model, c.data, c.norm, c.hooks.groupWeights);
  const e: EvalEvent = {
    type: 'eval',
    step: s.step,
    epoch,
    id,
    ood,
    drift: await layerDrift(c.model, s.w0),
  };
  s.last = e;
  const probing = lpSteps > 0 && s.step <= lpSteps;
  if (!probing && (!s.best || e.id.accuracy > s.best.id.accuracy)) s.best = e;
  c.hooks.onEvent(e);
}
