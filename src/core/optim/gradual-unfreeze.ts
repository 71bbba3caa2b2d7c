/**
 * Gradual unfreezing in the engine: the trained parameters at a step are the run's (freeze-embed
 * and learning-rate scales applied, param-groups.ts) less those in units not yet unfrozen
 * (spec/unfreeze-schedule.ts: head first, one more block or stage every T / K steps). The
 * optimizer keys its state by name and creates it on a parameter's first update, so a unit's
 * state appears when it unfreezes and none is held before.
 */
import type { ModelInstance } from '../models/instance';
import { frozenLayersAt, unfreezeUnits, unfrozenCount } from '../../spec/unfreeze-schedule';
import type { TrainedParam } from './optimizer';

/** `all` (the run's trained parameters) less the layers still frozen at `step` of `total`. */
export function paramsAtStep(
  model: ModelInstance,
  all: readonly TrainedParam[],
  step: number,
  total: number,
): TrainedParam[] {
  const frozen = frozenLayersAt(model.def, step, total);
  return frozen.size === 0 ? all.slice() : all.filter((p) => !frozen.has(model.spec(p.name).layer));
}

/**
 * The trained parameters step by step, recomputed only when another unit unfreezes (the same
 * array otherwise, so a step's list is not rebuilt per step).
 */
export function gradualParams(
  model: ModelInstance,
  all: readonly TrainedParam[],
  total: number,
): (step: number) => readonly TrainedParam[] {
  const units = unfreezeUnits(model.def).length;
  let count = -1;
  let current: readonly TrainedParam[] = all;
  return (step) => {
    const n = unfrozenCount(units, step, total);
    if (n !== count) {
      count = n;
      current = paramsAtStep(model, all, step, total);
    }
    return current;
  };
}
