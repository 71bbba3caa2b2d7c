/**
 * LP-FT, one form for the page, the CLI and the twin (the recipe's lpEpochs and lpLr,
 * tools/experiment/recipe.json): `epochs` head-only epochs come BEFORE the run's own epochs, so
 * the head-only steps are lpEpochs / epochs of the fine-tuning steps, added to them (2 + 6
 * epochs in the recipe, 2 + 2 in the lesson). The head-only phase has its own schedule over its
 * steps at its own rate `lr`; fine-tuning then starts with fresh optimizer state, the run's
 * schedule over its own steps, and the batch order and augmentation drawn afresh from the seed.
 * That is what the CLI's two runTraining calls do (phasesOf in cli/experiment/run-one.ts) and
 * the twin's and the exported project's two phases (phases_of in train.py, finetune.py), so one
 * runTraining with a linearProbe trains exactly as those two calls.
 */
import type { Schedule } from '../optim/schedule';
import { lrAt } from '../optim/schedule';

export interface LinearProbe {
  /** Head-only epochs before the fine-tuning epochs (the recipe's lpEpochs, 2); a whole number from 1. */
  epochs: number;
  /** The head-only phase's learning rate (the recipe's lpLr, 0.1). */
  lr: number;
}

/** The head-only steps of a run with `perEpoch` steps an epoch: the probe's whole epochs. */
export function probeSteps(lp: LinearProbe | undefined, perEpoch: number): number {
  if (!lp) return 0;
  if (!(Number.isInteger(lp.epochs) && lp.epochs >= 1))
    throw new Error(`linear probe epochs ${lp.epochs} is not a whole number of at least 1`);
  return lp.epochs * perEpoch;
}

/** Every step of a run: the head-only steps first, then `epochs` epochs of fine-tuning. */
export function runSteps(lp: LinearProbe | undefined, perEpoch: number, epochs: number): number {
  return probeSteps(lp, perEpoch) + perEpoch * epochs;
}

/** The rate at 0-based `step`: the probe's schedule over its steps, then the run's over the rest. */
export function phaseLr(
  schedule: Schedule,
  base: number,
  lp: LinearProbe | undefined,
  lpSteps: number,
  step: number,
  total: number,
): number {
  if (lp && step < lpSteps) return lrAt(schedule, lp.lr, step, lpSteps);
  return lrAt(schedule, base, step - lpSteps, total - lpSteps);
}
