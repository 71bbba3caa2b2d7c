/**
 * One method's RunConfig for the engine (core/train/run.ts), from the comparison it is part of:
 * the method's own fields (optimizer, frozen groups, rate multipliers, gradual unfreezing,
 * LP-FT) and the run's shared ones (schedule, length, batch, seed, evaluations), resumed at
 * `startStep` with the optimizer state of a snapshot when there is one.
 */
import type { OptimizerState } from '../core/optim/optimizer';
import type { RunConfig } from '../core/train/run';
import type { RunSpec } from '../protocol/messages';

export function methodRunConfig(
  spec: RunSpec,
  method: RunSpec['methods'][number],
  startStep: number,
  optimizerState?: OptimizerState,
): RunConfig {
  return {
    optimizer: method.optimizer,
    schedule: spec.schedule,
    freeze: method.freeze,
    ...(method.lrScale ? { lrScale: method.lrScale } : {}),
    ...(method.gradualUnfreeze ? { gradualUnfreeze: true } : {}),
    ...(method.linearProbe ? { linearProbe: method.linearProbe } : {}),
    epochs: spec.epochs,
    batchSize: spec.batchSize,
    seed: spec.seed,
    evalEvery: spec.evalEvery,
    evalsPerEpoch: spec.evalsPerEpoch,
    maxSteps: spec.maxSteps,
    startStep,
    ...(optimizerState ? { optimizerState } : {}),
    evalAtStart: startStep === 0,
  };
}
