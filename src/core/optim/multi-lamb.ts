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
import { FlatState, type Segment } from './flat-state';
import { inSegmentOrder, runMultiKernel, stepping } from './multi-tensor';
import type { Optimizer, TrainedParam } from './optimizer';
import { StoreOptimizer } from './param-state';
import { guardedRatio, l2 } from './trust-ratio';
import type { OptimizerConfig } from '../../spec/optimizer-config';
import { checkLambConfig } from './lamb';

type LambConfig = Extract<OptimizerConfig, { kind: 'lamb' }>;

export class MultiLamb extends StoreOptimizer<FlatState> implements Optimizer {
  protected readonly state = new FlatState(2);

  constructor(readonly config: LambConfig) {
    super();
    checkLambConfig(config);
  }

  apply(params: readonly TrainedParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    const active = stepping(params, grads);
    if (active.length === 0) return;
    this.state.ensure(active.map((p) => ({ name: p.name, shape: p.variable.shape })));
    for (const p of active) (this.state.segment(p.name) as Segment).step += 1;
    const { beta1, beta2, eps } = this.config;
    const ordered = inSegmentOrder(this.state, active);
    const steps = ordered?.map((p) => this.state.segment(p.name)?.step ?? 1);
    const attrs = { beta1, beta2, eps, steps };
    if (ordered && runMultiKernel(MULTI_LAMB_KERNEL, ordered, grads, this.state, lr, attrs)) return;
    this.applyGeneric(active, grads, lr);
  }

  /** The per-segment generic ops (optim/lamb.ts's), written back in one concat. */
  private applyGeneric(
    active: readonly TrainedParam[],
    grads: ReadonlyMap<string, tf.Tensor>,
    lr: number,
  ): void {
    const { beta1, beta2, eps } = this.config;
    const updates = new Map<string, tf.Tensor[]>();
    for (const p of active) {
      const g = grads.get(p.name) as tf.Tensor;
      const step = this.state.segment(p.name)?.step ?? 1;
      const m = tf.add(tf.mul(this.state.slotOf(p.name, 0), beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(
        tf.mul(this.state.slotOf(p.name, 1), beta2),
        tf.mul(tf.square(g), 1 - beta2),
      );
      const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(1 - beta2 ** step)), eps);
      let update: tf.Tensor = tf.div(tf.div(m, 1 - beta1 ** step), denom);
      if (p.weightDecay !== 0) {
        update = tf.add(update, tf.mul(p.variable, p.weightDecay));
        const wNorm = l2(p.variable);
        const uNorm = l2(update);
        update = tf.mul(update, guardedRatio(tf.div(wNorm, uNorm), wNorm, uNorm));
      }
      p.variable.assign(tf.sub(p.variable, tf.mul(update, lr * (p.lrScale ?? 1))));
      updates.set(p.name, [m, v]);
    }
    this.state.replace(updates);
  }

  floatsOfStatePerParam(): number {
    return 2;
  }
}
