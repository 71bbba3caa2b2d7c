/**
 * LARS (timm's variant, as optim/lars.ts: its formulas and why) as a multi-tensor update: with
 * momentum every buffer lives in one flat [total] buffer (flat-state.ts), zero before a
 * parameter's first step so that buf' = d, torch's clone; one kernel for every parameter, its
 * trust ratios' norms one segmented reduction (cpu-kernels/multi-trust.ts;
 * gpu-kernels/multi-trust-webgpu.ts). Without momentum there is no state. The per-segment
 * generic ops where the backend has no such kernel, or when a parameter that owns a buffer gets
 * no gradient this step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MULTI_LARS_KERNEL } from '../cpu-kernels/multi-trust';
import { FlatState } from './flat-state';
import { checkLarsConfig } from './lars';
import { inSegmentOrder, runMultiKernel, stepping } from './multi-tensor';
import type { Optimizer, TrainedParam } from './optimizer';
import { StoreOptimizer } from './param-state';
import { guardedRatio, l2 } from './trust-ratio';
import type { OptimizerConfig } from '../../spec/optimizer-config';

type LarsConfig = Extract<OptimizerConfig, { kind: 'lars' }>;

export class MultiLars extends StoreOptimizer<FlatState> implements Optimizer {
  /** The momentum buffers (no slot, so never a segment, without momentum). */
  protected readonly state: FlatState;

  constructor(readonly config: LarsConfig) {
    super();
    checkLarsConfig(config);
    this.state = new FlatState(config.momentum !== 0 ? 1 : 0);
  }

  private get buffers(): FlatState | null {
    return this.state.slots ? this.state : null;
  }

  apply(params: readonly TrainedParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    const active = stepping(params, grads);
    if (active.length === 0) return;
    const flat = this.buffers;
    flat?.ensure(active.map((p) => ({ name: p.name, shape: p.variable.shape })));
    const { momentum, trustCoeff, eps } = this.config;
    const ordered = inSegmentOrder(flat, active);
    const attrs = { momentum, trustCoeff, eps };
    if (ordered && runMultiKernel(MULTI_LARS_KERNEL, ordered, grads, flat, lr, attrs)) return;
    this.applyGeneric(active, grads, lr);
  }

  /** The per-segment generic ops (optim/lars.ts's), buffers written back in one concat. */
  private applyGeneric(
    active: readonly TrainedParam[],
    grads: ReadonlyMap<string, tf.Tensor>,
    lr: number,
  ): void {
    const { momentum, trustCoeff, eps } = this.config;
    const updates = new Map<string, tf.Tensor[]>();
    for (const p of active) {
      const grad = grads.get(p.name) as tf.Tensor;
      let g = grad;
      if (p.weightDecay !== 0) {
        const wNorm = l2(p.variable);
        const gNorm = l2(grad);
        const ratio = tf.div(
          tf.mul(wNorm, trustCoeff),
          tf.add(tf.add(gNorm, tf.mul(wNorm, p.weightDecay)), eps),
        ) as tf.Scalar;
        g = tf.mul(
          tf.add(grad, tf.mul(p.variable, p.weightDecay)),
          guardedRatio(ratio, wNorm, gNorm),
        );
      }
      if (this.buffers) {
        const buf = tf.add(tf.mul(this.buffers.slotOf(p.name, 0), momentum), g);
        updates.set(p.name, [buf]);
        g = buf;
      }
      p.variable.assign(tf.sub(p.variable, tf.mul(g, lr * (p.lrScale ?? 1))));
    }
    this.buffers?.replace(updates);
  }

  floatsOfStatePerParam(): number {
    return this.state.slots;
  }
}
