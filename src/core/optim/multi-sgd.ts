/**
 * SGD (torch.optim.SGD semantics, dampening 0, as optim/sgd.ts) as a multi-tensor update: with
 * momentum, every buffer lives in one flat [total] buffer (flat-state.ts), zero before a
 * parameter's first step so that buf' = momentum * 0 + d = d, torch's clone; one kernel updates
 * every parameter and the buffer (cpu-kernels/multi-update.ts, gpu-kernels/multi-update-webgpu.ts).
 * Without momentum there is no state at all. Generic ops per segment where the backend has no
 * such kernel, or when a parameter that owns a buffer gets no gradient this step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MULTI_SGD_KERNEL } from '../cpu-kernels/multi-update';
import { FlatState } from './flat-state';
import { inSegmentOrder, runMultiKernel, stepping } from './multi-tensor';
import type { Optimizer, TrainedParam } from './optimizer';
import { StoreOptimizer } from './param-state';
import type { OptimizerConfig } from '../../spec/optimizer-config';

type SgdConfig = Extract<OptimizerConfig, { kind: 'sgd' }>;

export class MultiSgd extends StoreOptimizer<FlatState> implements Optimizer {
  /** The momentum buffers (no slot, so never a segment, without momentum). */
  protected readonly state: FlatState;

  constructor(readonly config: SgdConfig) {
    super();
    if (config.nesterov && config.momentum <= 0)
      throw new Error('Nesterov momentum requires momentum > 0');
    this.state = new FlatState(config.momentum !== 0 ? 1 : 0);
  }

  /** The flat momentum buffers, null without momentum. */
  private get buffers(): FlatState | null {
    return this.state.slots ? this.state : null;
  }

  apply(params: readonly TrainedParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    const active = stepping(params, grads);
    if (active.length === 0) return;
    const flat = this.buffers;
    flat?.ensure(active.map((p) => ({ name: p.name, shape: p.variable.shape })));
    const { momentum, nesterov } = this.config;
    const ordered = inSegmentOrder(flat, active);
    if (
      ordered &&
      runMultiKernel(MULTI_SGD_KERNEL, ordered, grads, flat, lr, { momentum, nesterov })
    )
      return;
    this.applyGeneric(active, grads, lr);
  }

  /** The per-segment generic ops (optim/sgd.ts's), buffers written back in one concat. */
  private applyGeneric(
    active: readonly TrainedParam[],
    grads: ReadonlyMap<string, tf.Tensor>,
    lr: number,
  ): void {
    const { momentum, nesterov } = this.config;
    const updates = new Map<string, tf.Tensor[]>();
    for (const p of active) {
      const grad = grads.get(p.name) as tf.Tensor;
      let g = p.weightDecay !== 0 ? tf.add(grad, tf.mul(p.variable, p.weightDecay)) : grad;
      if (this.buffers) {
        const buf = tf.add(tf.mul(this.buffers.slotOf(p.name, 0), momentum), g);
        updates.set(p.name, [buf]);
        g = nesterov ? tf.add(g, tf.mul(buf, momentum)) : buf;
      }
      p.variable.assign(tf.sub(p.variable, tf.mul(g, lr * (p.lrScale ?? 1))));
    }
    this.buffers?.replace(updates);
  }

  floatsOfStatePerParam(): number {
    return this.state.slots;
  }
}
