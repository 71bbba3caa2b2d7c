/**
 * LAMB (timm's variant, as optim/lamb.ts: its formulas and why) as a multi-tensor update: m and v
 * of every parameter that owns state in one flat buffer [m (total) | v (total)] (flat-state.ts),
 * one kernel for every parameter, its trust ratios' norms one segmented reduction
 * (cpu-kernels/multi-trust.ts; gpu-kernels/multi-trust-webgpu.ts: a few dispatches per three
 * parameters). t counts each parameter's own steps. The per-segment generic ops where the backend
 * has no such kernel, or when a parameter that owns state gets no gradient this step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MULTI_LAMB_KERNEL } from '../cpu-kernels/multi-trust';
import { MultiMomentsOptimizer, type NewMoments } from './multi-moments';
import type { Optimizer, TrainedParam } from './optimizer';
import type { OptimizerConfig } from '../../spec/optimizer-config';
import { checkLambConfig, lambUpdate } from './lamb';

type LambConfig = Extract<OptimizerConfig, { kind: 'lamb' }>;

export class MultiLamb extends MultiMomentsOptimizer implements Optimizer {
  constructor(readonly config: LambConfig) {
    super();
    checkLambConfig(config);
  }

  protected readonly kernel = MULTI_LAMB_KERNEL;

  /** optim/lamb.ts's step from the new moments. */
  protected updateParam(p: TrainedParam, { m, v, step }: NewMoments, lr: number): void {
    const update = lambUpdate(p, m, v, step, this.config);
    p.variable.assign(tf.sub(p.variable, tf.mul(update, lr * (p.lrScale ?? 1))));
  }
}
