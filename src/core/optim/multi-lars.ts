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
import { checkLarsConfig, larsGradient } from './lars';
import { MultiTensorOptimizer } from './multi-tensor';
import type { Optimizer, TrainedParam } from './optimizer';
import type { OptimizerConfig } from '../../spec/optimizer-config';

type LarsConfig = Extract<OptimizerConfig, { kind: 'lars' }>;

export class MultiLars extends MultiTensorOptimizer implements Optimizer {
  /** The momentum buffers (no slot, so never a segment, without momentum). */
  protected readonly state: FlatState;

  constructor(readonly config: LarsConfig) {
    super();
    checkLarsConfig(config);
    this.state = new FlatState(config.momentum !== 0 ? 1 : 0);
  }

  protected readonly kernel = MULTI_LARS_KERNEL;
  protected readonly countsSteps = false;

  protected kernelAttrs(): object {
    const { momentum, trustCoeff, eps } = this.config;
    return { momentum, trustCoeff, eps };
  }

  /** The per-segment generic ops (optim/lars.ts's), buffers written back in one concat. */
  protected applyGeneric(
    active: readonly TrainedParam[],
    grads: ReadonlyMap<string, tf.Tensor>,
    lr: number,
  ): void {
    const { momentum } = this.config;
    const updates = new Map<string, tf.Tensor[]>();
    for (const p of active) {
      let g = larsGradient(p, grads.get(p.name) as tf.Tensor, this.config);
      if (this.buffers) {
        const buf = tf.add(tf.mul(this.buffers.slotOf(p.name, 0), momentum), g);
        updates.set(p.name, [buf]);
        g = buf;
      }
      p.variable.assign(tf.sub(p.variable, tf.mul(g, lr * (p.lrScale ?? 1))));
    }
    this.buffers?.replace(updates);
  }
}
