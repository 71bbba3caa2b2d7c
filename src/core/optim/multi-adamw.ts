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
import { FlatState } from './flat-state';
import { MultiTensorOptimizer } from './multi-tensor';
import type { Optimizer, TrainedParam } from './optimizer';
import type { OptimizerConfig } from '../../spec/optimizer-config';

type AdamWConfig = Extract<OptimizerConfig, { kind: 'adamw' }>;

export class MultiAdamW extends MultiTensorOptimizer implements Optimizer {
  protected readonly state = new FlatState(2);

  constructor(readonly config: AdamWConfig) {
    super();
  }

  protected readonly kernel = MULTI_ADAMW_KERNEL;
  protected readonly countsSteps = true;

  protected kernelAttrs(ordered: readonly TrainedParam[]): object {
    const { beta1, beta2, eps } = this.config;
    return { beta1, beta2, eps, steps: this.stepsOf(ordered) };
  }

  /** The per-segment generic ops (optim/adamw.ts's), written back in one concat. */
  protected applyGeneric(
    active: readonly TrainedParam[],
    grads: ReadonlyMap<string, tf.Tensor>,
    lr: number,
  ): void {
    const { beta1, beta2, eps } = this.config;
    const updates = new Map<string, tf.Tensor[]>();
    for (const p of active) {
      const g = grads.get(p.name) as tf.Tensor;
      const step = this.state.segment(p.name)?.step ?? 1;
      const plr = lr * (p.lrScale ?? 1);
      const m = tf.add(tf.mul(this.state.slotOf(p.name, 0), beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(
        tf.mul(this.state.slotOf(p.name, 1), beta2),
        tf.mul(tf.square(g), 1 - beta2),
      );
      const decayed =
        p.weightDecay !== 0 ? tf.mul(p.variable, 1 - plr * p.weightDecay) : p.variable;
      const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(1 - beta2 ** step)), eps);
      p.variable.assign(tf.sub(decayed, tf.mul(tf.div(m, denom), plr / (1 - beta1 ** step))));
      updates.set(p.name, [m, v]);
    }
    this.state.replace(updates);
  }
}
