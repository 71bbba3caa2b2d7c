/**
 * What the multi-tensor Adam-moment optimizers (multi-adamw.ts, multi-lamb.ts) share: m and v of
 * every parameter that owns state in one flat buffer [m (total) | v (total)] (flat-state.ts),
 * each segment's own step count, the kernel's betas, eps and steps, and the generic ops' moment
 * update; each optimizer only says how its new moments move a parameter.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FlatState } from './flat-state';
import { MultiTensorOptimizer } from './multi-tensor';
import type { TrainedParam } from './optimizer';

/** The settings both moment optimizers have. */
interface MomentsConfig {
  beta1: number;
  beta2: number;
  eps: number;
}

/** A parameter's new moments m and v (its shape) and its own step count, this step included. */
export interface NewMoments {
  m: tf.Tensor;
  v: tf.Tensor;
  step: number;
}

export abstract class MultiMomentsOptimizer extends MultiTensorOptimizer {
  protected readonly state = new FlatState(2);
  protected readonly countsSteps = true;
  abstract readonly config: MomentsConfig;

  protected kernelAttrs(ordered: readonly TrainedParam[]): object {
    const { beta1, beta2, eps } = this.config;
    return { beta1, beta2, eps, steps: this.stepsOf(ordered) };
  }

  /** Assigns `p`'s new weights from its new moments at the step's rate `lr`. */
  protected abstract updateParam(p: TrainedParam, moments: NewMoments, lr: number): void;

  /** The per-segment generic ops, m and v written back in one concat. */
  protected applyGeneric(
    active: readonly TrainedParam[],
    grads: ReadonlyMap<string, tf.Tensor>,
    lr: number,
  ): void {
    const { beta1, beta2 } = this.config;
    const updates = new Map<string, tf.Tensor[]>();
    for (const p of active) {
      const g = grads.get(p.name) as tf.Tensor;
      const step = this.state.segment(p.name)?.step ?? 1;
      const m = tf.add(tf.mul(this.state.slotOf(p.name, 0), beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(
        tf.mul(this.state.slotOf(p.name, 1), beta2),
        tf.mul(tf.square(g), 1 - beta2),
      );
      this.updateParam(p, { m, v, step }, lr);
      updates.set(p.name, [m, v]);
    }
    this.state.replace(updates);
  }
}
