/**
 * Which parameters train, and with what weight decay.
 * - Frozen groups (freeze-embed) are left out entirely: no gradient is computed for them and
 *   the optimizer never sees them, so no state is allocated.
 * - No weight decay on 1-D parameters (biases, norms, layer scale), the position embedding
 *   and the cls token (ParamSpec.decay, set by each model builder).
 * - An optional learning-rate multiplier per group (e.g. embed x 0.1).
 */
import type { ModelInstance } from '../models/instance';
import { groupOf } from '../../spec/model-spec';
import type { GroupName } from '../../spec/param-spec';
import type { TrainedParam } from './optimizer';
import type { OptimizerConfig } from '../../spec/optimizer-config';

export function trainedParams(
  model: ModelInstance,
  frozen: ReadonlySet<GroupName>,
  cfg: OptimizerConfig,
  lrScale: Partial<Record<GroupName, number>> = {},
): TrainedParam[] {
  return model.trainableNames(frozen).map((name) => {
    const variable = model.vars.get(name);
    if (!variable) throw new Error(`no variable ${name}`);
    const scale = lrScale[groupOf(model.def, model.spec(name))] ?? 1;
    return {
      name,
      variable,
      weightDecay: model.spec(name).decay ? cfg.weightDecay : 0,
      ...(scale !== 1 ? { lrScale: scale } : {}),
    };
  });
}
