/**
 * The training loop: epochs of shuffled mini-batches, a schedule, evaluations on ID and OOD
 * data, events through a callback. Seeded: the same seed, model weights and data give the same
 * run. Stops cleanly on abort (status 'stopped') and on a NaN/Inf (an 'error' event naming the
 * parameter; the weights are the last finite ones). The inputs' types are in run-types.ts, one
 * step and one evaluation in run-step.ts.
 */
import type { SplitSets } from '../image-set';
import type { ModelInstance } from '../models/instance';
import { snapshotParams } from '../metrics/drift';
import { createOptimizer } from '../optim/create';
import type { TrainedParam } from '../optim/optimizer';
import { trainedParams } from '../optim/param-groups';
import { gradualParams } from '../optim/gradual-unfreeze';
import { Rng } from '../rng';
import { DEFAULT_NORMALIZE } from './batch';
import type { DoneEvent, ErrorEvent } from './events';
import { phaseLr, probeSteps, runSteps } from './linear-probe';
import { GROUP_NAMES } from '../../spec/param-spec';
import type { RunConfig, RunHooks, RunResult } from './run-types';
import {
  evalDue,
  evalNow,
  trainOne,
  weightBytesOf,
  type RunState,
  type StepContext,
} from './run-step';

export type { Augment, RunConfig, RunHooks, RunResult } from './run-types';

export function stepsPerEpoch(n: number, batchSize: number): number {
  // Drop the last partial batch (fixed shapes: no shader recompiles on WebGPU), unless the
  // set is smaller than one batch.
  return Math.max(1, Math.floor(n / batchSize));
}

/** A run's step counts (stepPlan's). */
interface StepPlan {
  perEpoch: number;
  lpSteps: number;
  totalSteps: number;
  lastStep: number;
  evalEvery: number;
}

/** A run's step counts: per epoch, LP-FT's head-only steps (before the run's epochs), in all, the last to train (maxSteps), and the eval period. */
function stepPlan(n: number, cfg: RunConfig): StepPlan {
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

/** A run's batch order and augmentation streams from its seed (forked in this order: the same streams as before). */
function batchStreams(seed: number): { order: Rng; aug: Rng } {
  const rng = new Rng(seed);
  return { order: rng.fork(1), aug: rng.fork(2) };
}

/** What the loop over the epochs reads: the step context, the config and its plan, the parameters step s trains, and where a resumed run starts. */
interface RunPlan {
  ctx: StepContext;
  cfg: RunConfig;
  plan: StepPlan;
  paramsAt: (step: number) => readonly TrainedParam[];
  firstStep: number;
}

/**
 * The step s.step, on batch b of the epoch's `order`: the host's pause point, then (unless
 * aborted, which returns false) LP-FT's fresh optimizer at its switch, the step, and the
 * evaluation when one is due.
 */
async function stepOnce(
  r: RunPlan,
  s: RunState,
  order: Int32Array,
  epoch: number,
  b: number,
): Promise<boolean> {
  const { cfg, plan, ctx } = r;
  await ctx.hooks.beforeStep?.(s.step, s.optimizer);
  if (ctx.hooks.signal?.aborted) return false;
  if (plan.lpSteps > 0 && s.step === plan.lpSteps) {
    // LP-FT: fine-tuning starts with fresh optimizer state (a second runTraining in the CLI).
    s.optimizer.dispose();
    s.optimizer = createOptimizer(cfg.optimizer);
  }
  const lr = phaseLr(
    cfg.schedule,
    cfg.optimizer.lr,
    cfg.linearProbe,
    plan.lpSteps,
    s.step,
    plan.totalSteps,
  );
  const idx = order.subarray(b * ctx.bs, (b + 1) * ctx.bs);
  await trainOne(ctx, s.optimizer, r.paramsAt(s.step), idx, s.step, epoch, lr);
  s.step++;
  if (evalDue(s.step, b === plan.perEpoch - 1, plan.evalEvery, plan.lastStep))
    await evalNow(ctx, s, plan.lpSteps, epoch);
  return true;
}

/** The epochs (LP-FT's probe epochs first), batch by batch, until the last step or an abort; `orderRng` shuffles each epoch. */
async function trainEpochs(r: RunPlan, s: RunState, orderRng: Rng): Promise<void> {
  const { cfg, plan, ctx } = r;
  const lpEpochs = plan.lpSteps / plan.perEpoch;
  for (let epoch = 0; epoch < lpEpochs + cfg.epochs; epoch++) {
    // LP-FT's fine-tuning draws its batch order and augmentation afresh (the CLI's second call).
    if (lpEpochs > 0 && epoch === lpEpochs)
      ({ order: orderRng, aug: ctx.augRng } = batchStreams(cfg.seed));
    const order = orderRng.shuffle(Int32Array.from({ length: ctx.data.train.n }, (_, i) => i));
    for (let b = 0; b < plan.perEpoch; b++) {
      if (s.step >= plan.lastStep) return;
      if (epoch * plan.perEpoch + b < r.firstStep) continue; // resuming: this batch was trained before
      if (!(await stepOnce(r, s, order, epoch, b))) return;
    }
  }
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
  const plan = stepPlan(data.train.n, cfg);
  const firstStep = Math.max(0, Math.floor(cfg.startStep ?? 0));
  let s: RunState | null = null;
  try {
    // Inside the try: a bad config (e.g. Nesterov without momentum) or a failed snapshot is
    // an 'error' event like any other, not an exception the host has to expect.
    const optimizer = createOptimizer(cfg.optimizer);
    s = { step: firstStep, optimizer, w0: new Map(), best: null, last: null };
    if (cfg.optimizerState) optimizer.loadState(cfg.optimizerState);
    const paramsAt = paramsPlan(model, cfg, plan.totalSteps, plan.lpSteps);
    s.w0 = await snapshotParams(model);
    const ctx: StepContext = {
      model,
      data,
      norm,
      hooks,
      augRng: streams.aug,
      now,
      bs: Math.min(cfg.batchSize, data.train.n),
      lastStep: plan.lastStep,
      weightBytes: weightBytesOf(model),
    };
    const atEpoch = (step: number): number => Math.floor(step / plan.perEpoch);
    if (cfg.evalAtStart ?? true) await evalNow(ctx, s, plan.lpSteps, atEpoch(s.step), s.step === 0);
    await trainEpochs({ ctx, cfg, plan, paramsAt, firstStep }, s, streams.order);
    if (s.last === null || s.last.step !== s.step)
      await evalNow(ctx, s, plan.lpSteps, atEpoch(s.step));
    const done: DoneEvent = {
      type: 'done',
      status: hooks.signal?.aborted ? 'stopped' : 'finished',
      steps: s.step,
      best: s.best,
      last: s.last,
      elapsedMs: now() - t0,
    };
    hooks.onEvent(done);
    return done;
  } catch (err) {
    const ev = errorEvent(s?.step ?? firstStep, err);
    hooks.onEvent(ev);
    return ev;
  } finally {
    s?.optimizer.dispose();
  }
}
