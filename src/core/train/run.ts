/**
 * The training loop: epochs of shuffled mini-batches, a schedule, evaluations on ID and OOD
 * data, events through a callback. Seeded: the same seed, model weights and data give the same
 * run. Stops cleanly on abort (status 'stopped') and on a NaN/Inf (an 'error' event naming the
 * parameter; the weights are the last finite ones).
 */
import type { SplitSets } from '../image-set';
import type { ModelInstance } from '../models/instance';
import type { GroupName } from '../../spec/param-spec';
import { layerDrift, snapshotParams } from '../metrics/drift';
import { createOptimizer } from '../optim/create';
import type { Optimizer, OptimizerState, TrainedParam } from '../optim/optimizer';
import type { OptimizerConfig } from '../../spec/optimizer-config';
import { trainedParams } from '../optim/param-groups';
import { gradualParams } from '../optim/gradual-unfreeze';
import type { Schedule } from '../optim/schedule';
import { Rng } from '../rng';
import { DEFAULT_NORMALIZE, makeBatch, type Normalize } from './batch';
import { evaluateSplits } from './evaluate';
import type { DoneEvent, ErrorEvent, EvalEvent, RunEvent } from './events';
import type { AccuracyReport } from '../metrics/accuracy';
import { trainStep } from './step';
import { phaseLr, probeSteps, runSteps, type LinearProbe } from './linear-probe';
import { GROUP_NAMES } from '../../spec/param-spec';

export interface RunConfig {
  optimizer: OptimizerConfig;
  schedule: Schedule;
  /** Groups that do not train (freeze-embed: ['embed']). */
  freeze: GroupName[];
  /** Learning-rate multiplier per group (e.g. { embed: 0.1 }); 1 where absent. */
  lrScale?: Partial<Record<GroupName, number>>;
  /**
   * Gradual unfreezing (spec/unfreeze-schedule.ts): the head trains alone first and one more
   * block or stage unfreezes, from the head down, at even intervals over the whole run.
   */
  gradualUnfreeze?: boolean;
  /** LP-FT (linear-probe.ts): head-only epochs before `epochs`, as the CLI's two phases. */
  linearProbe?: LinearProbe;
  /** Fine-tuning epochs (a linear probe's epochs come before them). */
  epochs: number;
  batchSize: number;
  seed: number;
  /** Evaluate every N steps; 0 = at the end of each epoch. */
  evalEvery: number;
  /**
   * Evaluations per epoch, evenly spaced (e.g. 4: every quarter epoch), so accuracy curves have
   * a shape in a short run; takes precedence over evalEvery when set.
   */
  evalsPerEpoch?: number;
  /** Evaluate the starting weights before the first step. */
  evalAtStart?: boolean;
  /** Stop after this many steps (tests, demos); the schedule still spans the full run. */
  maxSteps?: number;
  /**
   * Resume at this step (e.g. on another backend after a lost GPU, from a snapshot): earlier
   * batches are skipped, the schedule continues, and the optimizer starts from
   * `optimizerState` when given (the snapshot's), else afresh.
   */
  startStep?: number;
  optimizerState?: OptimizerState;
  normalize?: Normalize;
}

/** Returns augmented copies of the given rows, [B, H, W, C] uint8. */
export type Augment = (pixels: Uint8Array, idx: ArrayLike<number>, rng: Rng) => Uint8Array;

export interface RunHooks {
  onEvent: (e: RunEvent) => void;
  signal?: AbortSignal;
  /**
   * Awaited before every step, with the number of steps done so far and the run's optimizer
   * (to read, not to step): the host's place for pausing, snapshots of the weights and the
   * optimizer state, and evaluate-now requests, between steps.
   */
  beforeStep?: (step: number, optimizer: Optimizer) => Promise<void>;
  augment?: Augment;
  /** Group weights for the ID "reweighted" accuracy (training group proportions). */
  groupWeights?: readonly number[];
  /**
   * The accuracies of the starting weights, when the host already has them: methods of a
   * comparison start from the same weights, so one evaluation serves them all.
   */
  startAccuracy?: () => Promise<{ id: AccuracyReport; ood: AccuracyReport }>;
  now?: () => number;
}

export type RunResult = DoneEvent | ErrorEvent;

export function stepsPerEpoch(n: number, batchSize: number): number {
  // Drop the last partial batch (fixed shapes: no shader recompiles on WebGPU), unless the
  // set is smaller than one batch.
  return Math.max(1, Math.floor(n / batchSize));
}

/** A run's step counts: per epoch, LP-FT's head-only steps (before the run's epochs), in all, the last to train (maxSteps), and the eval period. */
function stepPlan(
  n: number,
  cfg: RunConfig,
): { perEpoch: number; lpSteps: number; totalSteps: number; lastStep: number; evalEvery: number } {
  const perEpoch = stepsPerEpoch(n, cfg.batchSize);
  const lpSteps = probeSteps(cfg.linearProbe, perEpoch);
  const totalSteps = runSteps(cfg.linearProbe, perEpoch, cfg.epochs);
  const lastStep = Math.min(totalSteps, cfg.maxSteps ?? totalSteps);
  const evalEvery =
    cfg.evalsPerEpoch && cfg.evalsPerEpoch > 0
      ? Math.max(1, Math.round(perEpoch / cfg.evalsPerEpoch))
      : cfg.evalEvery;
  return { perEpoch, lpSteps, totalSteps, lastStep, evalEvery };
}

/** Weight bytes, from the parameter tensors themselves (frozen ones included: they are held). */
const weightBytesOf = (model: ModelInstance): number =>
  model.def.specs.reduce(
    (n, s) => (s.kind === 'param' ? n + (model.vars.get(s.name)?.size ?? 0) * 4 : n),
    0,
  );

/** The 'error' event of a run that threw `err` with `step` steps done. */
function errorEvent(step: number, err: unknown): ErrorEvent {
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    type: 'error',
    step,
    error: {
      name: e.name,
      message: e.message,
      stack: e.stack,
      where: (e as { where?: string }).where,
    },
  };
}

/** What every step of a run shares. */
interface StepContext {
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
async function trainOne(
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

/** The parameters step s trains: the head alone during LP-FT's probe steps, then the gradual-unfreeze schedule's over the fine-tuning steps (or all the trained ones). */
function paramsPlan(
  model: ModelInstance,
  cfg: RunConfig,
  totalSteps: number,
  lpSteps: number,
): (step: number) => readonly TrainedParam[] {
  const all = trainedParams(model, new Set(cfg.freeze), cfg.optimizer, cfg.lrScale);
  const byStep = cfg.gradualUnfreeze ? gradualParams(model, all, totalSteps - lpSteps) : () => all;
  const headOnly =
    lpSteps > 0
      ? trainedParams(model, new Set(GROUP_NAMES.filter((g) => g !== 'head')), cfg.optimizer)
      : all;
  return (step) => (step < lpSteps ? headOnly : byStep(step - lpSteps));
}

/** Whether an evaluation follows `step` steps: every evalEvery steps (or at each epoch's end when 0), and after the last. */
const evalDue = (step: number, endOfEpoch: boolean, evalEvery: number, lastStep: number): boolean =>
  (evalEvery > 0 && step % evalEvery === 0) || (evalEvery <= 0 && endOfEpoch) || step === lastStep;

/** A run's batch order and augmentation streams from its seed (forked in this order: the same streams as before). */
function batchStreams(seed: number): { order: Rng; aug: Rng } {
  const rng = new Rng(seed);
  return { order: rng.fork(1), aug: rng.fork(2) };
}

export async function runTraining(
  model: ModelInstance,
  data: SplitSets,
  cfg: RunConfig,
  hooks: RunHooks,
): Promise<RunResult> {
  const now = hooks.now ?? (() => performance.now());
  const t0 = now();
  const norm = cfg.normalize ?? DEFAULT_NORMALIZE;
  const streams = batchStreams(cfg.seed);
  let orderRng = streams.order;
  const { perEpoch, lpSteps, totalSteps, lastStep, evalEvery } = stepPlan(data.train.n, cfg);
  const lpEpochs = lpSteps / perEpoch;
  let optimizer: ReturnType<typeof createOptimizer> | null = null;
  let best: EvalEvent | null = null;
  let last: EvalEvent | null = null;
  let step = Math.max(0, Math.floor(cfg.startStep ?? 0));
  const firstStep = step;
  let w0: Awaited<ReturnType<typeof snapshotParams>> = new Map();
  const evalNow = async (epoch: number, start = false): Promise<void> => {
    const { id, ood } =
      start && hooks.startAccuracy
        ? await hooks.startAccuracy()
        : await evaluateSplits(model, data, norm, hooks.groupWeights);
    const e: EvalEvent = { type: 'eval', step, epoch, id, ood, drift: await layerDrift(model, w0) };
    last = e;
    // Best over the fine-tuning evaluations (as the CLI): the probe's would report linear probing.
    const probing = lpSteps > 0 && step <= lpSteps;
    if (!probing && (!best || e.id.accuracy > best.id.accuracy)) best = e;
    hooks.onEvent(e);
  };

  try {
    // Inside the try: a bad config (e.g. Nesterov without momentum) or a failed snapshot is
    // an 'error' event like any other, not an exception the host has to expect.
    optimizer = createOptimizer(cfg.optimizer);
    if (cfg.optimizerState) optimizer.loadState(cfg.optimizerState);
    const paramsAt = paramsPlan(model, cfg, totalSteps, lpSteps);
    w0 = await snapshotParams(model);
    if (cfg.evalAtStart ?? true) await evalNow(Math.floor(step / perEpoch), step === 0);
    const ctx: StepContext = {
      model,
      data,
      norm,
      hooks,
      augRng: streams.aug,
      now,
      bs: Math.min(cfg.batchSize, data.train.n),
      lastStep,
      weightBytes: weightBytesOf(model),
    };
    outer: for (let epoch = 0; epoch < lpEpochs + cfg.epochs; epoch++) {
      // LP-FT's fine-tuning draws its batch order and augmentation afresh (the CLI's second call).
      if (lpEpochs > 0 && epoch === lpEpochs)
        ({ order: orderRng, aug: ctx.augRng } = batchStreams(cfg.seed));
      const order = orderRng.shuffle(Int32Array.from({ length: data.train.n }, (_, i) => i));
      for (let b = 0; b < perEpoch; b++) {
        if (step >= lastStep) break outer;
        if (epoch * perEpoch + b < firstStep) continue; // resuming: this batch was trained before
        await hooks.beforeStep?.(step, optimizer);
        if (hooks.signal?.aborted) break outer;
        if (lpSteps > 0 && step === lpSteps) {
          // LP-FT: fine-tuning starts with fresh optimizer state (a second runTraining in the CLI).
          optimizer.dispose();
          optimizer = createOptimizer(cfg.optimizer);
        }
        const lr = phaseLr(
          cfg.schedule,
          cfg.optimizer.lr,
          cfg.linearProbe,
          lpSteps,
          step,
          totalSteps,
        );
        await trainOne(
          ctx,
          optimizer,
          paramsAt(step),
          order.subarray(b * ctx.bs, (b + 1) * ctx.bs),
          step,
          epoch,
          lr,
        );
        step++;
        if (evalDue(step, b === perEpoch - 1, evalEvery, lastStep)) await evalNow(epoch);
      }
    }
    if (last === null || (last as EvalEvent).step !== step)
      await evalNow(Math.floor(step / perEpoch));
    const done: DoneEvent = {
      type: 'done',
      status: hooks.signal?.aborted ? 'stopped' : 'finished',
      steps: step,
      best,
      last,
      elapsedMs: now() - t0,
    };
    hooks.onEvent(done);
    return done;
  } catch (err) {
    const ev = errorEvent(step, err);
    hooks.onEvent(ev);
    return ev;
  } finally {
    optimizer?.dispose();
  }
}
