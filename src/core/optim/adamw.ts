/**
 * AdamW with torch.optim.AdamW semantics (decoupled decay, bias correction, eps added after
 * the square root):
 *   p <- p * (1 - lr * wd)
 *   m <- b1 m + (1 - b1) g;   v <- b2 v + (1 - b2) g^2
 *   p <- p - (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * t counts each parameter's own steps, as torch's per-parameter `step` state does.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ADAMW_KERNEL } from '../cpu-kernels/fused-update';
import { hasKernel, runKernels } from '../kernel-call';
import type { Optimizer, TrainedParam } from './optimizer';
import { MomentsOptimizer } from './param-state';
import type { OptimizerConfig } from '../../spec/optimizer-config';

type AdamWConfig = Extract<OptimizerConfig, { kind: 'adamw' }>;

export class AdamW extends MomentsOptimizer implements Optimizer {
  constructor(readonly config: AdamWConfig) {
    super();
  }

  apply(params: readonly TrainedParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    const { beta1, beta2, eps } = this.config;
    // One fused kernel per parameter where the backend has it (CPU); the generic ops elsewhere.
    const fused = hasKernel(ADAMW_KERNEL);
    for (const p of params) {
      const g = grads.get(p.name);
      if (!g) continue;
      const s = this.state.of(p);
      s.step += 1;
      const plr = lr * (p.lrScale ?? 1); // this parameter's rate (its param group's lr in torch)
      if (fused) {
        const [np, nm, nv] = runKernels(
          ADAMW_KERNEL,
          { p: p.variable, g, m: s.m, v: s.v },
          { lr: plr, weightDecay: p.weightDecay, beta1, beta2, eps, step: s.step },
        ) as [tf.Tensor, tf.Tensor, tf.Tensor];
        s.m.assign(nm);
        s.v.assign(nv);
        p.variable.assign(np);
        continue;
      }
      const decayed =
        p.weightDecay !== 0 ? tf.mul(p.variable, 1 - plr * p.weightDecay) : p.variable;
      s.m.assign(tf.add(tf.mul(s.m, beta1), tf.mul(g, 1 - beta1)));
      s.v.assign(tf.add(tf.mul(s.v, beta2), tf.mul(tf.square(g), 1 - beta2)));
      const stepSize = plr / (1 - beta1 ** s.step);
      const denom = tf.add(tf.div(tf.sqrt(s.v), Math.sqrt(1 - beta2 ** s.step)), eps);
      p.variable.assign(tf.sub(decayed, tf.mul(tf.div(s.m, denom), stepSize)));
    }
  }
}
