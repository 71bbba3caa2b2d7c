/**
 * LP-FT inside one run (the page's form of it): the first `fraction` of the run's steps train the
 * head alone at the probe's own rate, with its own schedule over those steps; then fine-tuning
 * starts with fresh optimizer state and the schedule over the remaining steps (as two
 * runTraining calls in the experiment CLI, phasesOf in cli/experiment/run-one.ts, which counts
 * the probe in epochs of its own instead). One run keeps a comparison's methods in lockstep.
 */
import type { Schedule } from '../optim/schedule';
import { lrAt } from '../optim/schedule';

export interface LinearProbe {
  /** Share of the run's steps that train the head alone (the recipe's 2 of 8 epochs: 0.25). */
  fraction: number;
  /** The head-only phase's learning rate (the recipe's lpLr, 0.1). */
  lr: number;
}

/** The head-only steps of a run of `total` steps: at least one, and at least one left to fine-tune. */
export function probeSteps(lp: LinearProbe | undefined, total: number): number {
  if (!lp || total < 2) return 0;
  if (!(lp.fraction > 0 && lp.fraction < 1)) throw new Error(`linear probe fraction ${lp.fraction} is not between 0 and 1`);
  return Math.min(total - 1, Math.max(1, Math.round(lp.fraction * total)));
}

/** The rate at 0-based `step`: the probe's schedule over its steps, then the run's over the rest. */
export function phaseLr(schedule: Schedule, base: number, lp: LinearProbe | undefined, lpSteps: number, step: number, total: number): number {
  if (lp && step < lpSteps) return lrAt(schedule, lp.lr, step, lpSteps);
  return lrAt(schedule, base, step - lpSteps, total - lpSteps);
}
