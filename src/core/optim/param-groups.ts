/**
 * Which parameters train, and with what weight decay.
 * - Frozen groups (freeze-embed) are left out entirely: no gradient is computed for them and
 *   the optimizer never sees them, so no state is allocated.
 * - No weight decay on 1-D parameters (biases, norms, layer scale), the position embedding
 *   and the cls token (ParamSpec.decay, set by each model builder).
 */
import type { ModelInstance } from '../models/instance';
import type { GroupName } from '../models/param-spec';
import type { OptimizerConfig, TrainedParam } from './optimizer';

export function trainedParams(model: ModelInstance, frozen: ReadonlySet<GroupName>, cfg: OptimizerConfig): TrainedParam[] {
  return model.trainableNames(frozen).map((name) => {
    const variable = model.vars.get(name);
    if (!variable) throw new Error(`no variable ${name}`);
    return { name, variable, weightDecay: model.spec(name).decay ? cfg.weightDecay : 0 };
  });
}
