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
import { FlatState } from './flat-state';
import { MultiTensorOptimizer } from './multi-tensor';
import type { Optimizer, TrainedParam } from './optimizer';
import type { OptimizerConfig } from '../../spec/optimizer-config';
import { checkLambConfig, lambUpdate } from './lamb';

type LambConfig = Extract<OptimizerConfig, { kind: 'lamb' }>;

export class MultiLamb extends MultiTensorOptimizer implements Optimizer {
  protected readonly state = new FlatState(2);

  constructor(readonly config: LambConfig) {
    super();
    checkLambConfig(config);
  }

  protected readonly kernel = MULTI_LAMB_KERNEL;
  protected readonly countsSteps = true;

  protected kernelAttrs(ordered: readonly TrainedParam[]): object {
    const { beta1, beta2, eps } = this.config;
    return { beta1, beta2, eps, steps: this.stepsOf(ordered) };
  }

  /** The per-segment generic ops (optim/lamb.ts's), written back in one concat. */
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
      const update = lambUpdate(p, m, v, step, this.config);
      p.variable.assign(tf.sub(p.variable, tf.mul(update, lr * (p.lrScale ?? 1))));
      updates.set(p.name, [m, v]);
    }
    this.state.replace(updates);
  }
}
