/**
 * AdamW (torch.optim.AdamW semantics, as optim/adamw.ts) as a multi-tensor update: m and v of
 * every parameter that owns state live in one flat buffer [m (total) | v (total)]
 * (flat-state.ts), and one kernel updates every parameter and the whole state
 * (cpu-kernels/multi-update.ts; gpu-kernels/multi-update-webgpu.ts: a handful of dispatches
 * plus one per parameter). t counts each parameter's own steps (its segment's step).
 * Generic ops per segment where the backend has no such kernel, or when a parameter that owns
 * state gets no gradient this step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MULTI_ADAMW_KERNEL } from '../cpu-kernels/multi-update';
import { MultiMomentsOptimizer, type NewMoments } from './multi-moments';
import type { Optimizer, TrainedParam } from './optimizer';
import type { OptimizerConfig } from '../../spec/optimizer-config';

type AdamWConfig = Extract<OptimizerConfig, { kind: 'adamw' }>;

export class MultiAdamW extends MultiMomentsOptimizer implements Optimizer {
  constructor(readonly config: AdamWConfig) {
    super();
  }

  protected readonly kernel = MULTI_ADAMW_KERNEL;

  /** optim/adamw.ts's step from the new moments. */
  protected updateParam(p: TrainedParam, { m, v, step }: NewMoments, lr: number): void {
    const { beta1, beta2, eps } = this.config;
    const plr = lr * (p.lrScale ?? 1);
    const decayed = p.weightDecay !== 0 ? tf.mul(p.variable, 1 - plr * p.weightDecay) : p.variable;
    const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(1 - beta2 ** step)), eps);
    p.variable.assign(tf.sub(decayed, tf.mul(tf.div(m, denom), plr / (1 - beta1 ** step))));
  }
}
