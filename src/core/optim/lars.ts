/**
 * LARS (You et al. 2017, "Large Batch Training of Convolutional Networks"), in the variant of
 * timm's `timm.optim.Lars` (trust_clip off, dampening 0, no Nesterov):
 *   r <- eta * ||p|| / (||g|| + wd * ||p|| + eps), 1 if either norm is 0
 *   g <- r * (g + wd * p)                                     (the paper's local lr and L2 decay)
 *   buf <- g on the first step, else momentum * buf + g       (torch SGD's momentum form)
 *   p <- p - lr * buf
 * Why timm's: it is the paper's Algorithm 1 (local lr = eta ||w|| / (||grad|| + beta ||w||),
 * momentum on the scaled gradient) with torch SGD's momentum convention, which our SGD follows,
 * and it is what the paper's code base (timm) ships. As timm does (`weight_decay != 0 or
 * always_adapt`), a parameter with no weight decay (biases, norms: param-groups.ts) gets no
 * trust ratio: plain momentum SGD. Plain tfjs ops on every backend (no fused kernel).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer, TrainedParam } from './optimizer';
import { BufferOptimizer } from './param-state';
import { guardedRatio, l2 } from './trust-ratio';
import type { OptimizerConfig } from '../../spec/optimizer-config';

type LarsConfig = Extract<OptimizerConfig, { kind: 'lars' }>;

/** Refuses bad LARS settings, naming the setting (multi-lars.ts checks the same). */
export function checkLarsConfig({ momentum, trustCoeff, eps }: LarsConfig): void {
  if (!(momentum >= 0 && momentum < 1))
    throw new Error(`LARS momentum must lie in [0, 1), got ${momentum}`);
  if (!(trustCoeff > 0)) throw new Error(`LARS trust coefficient must be > 0, got ${trustCoeff}`);
  if (!(eps >= 0)) throw new Error(`LARS eps must be >= 0, got ${eps}`);
}

export class Lars extends BufferOptimizer implements Optimizer {
  constructor(readonly config: LarsConfig) {
    super();
    checkLarsConfig(config);
  }

  apply(params: readonly TrainedParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    const { momentum, trustCoeff, eps } = this.config;
    for (const p of params) {
      const grad = grads.get(p.name);
      if (!grad) continue;
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
      if (momentum !== 0) {
        let buf = this.state.get(p.name);
        if (!buf) {
          buf = tf.variable(g, false); // torch: buf = clone(g) on the first step
          this.state.set(p.name, buf);
        } else {
          buf.assign(tf.add(tf.mul(buf, momentum), g));
        }
        g = buf;
      }
      p.variable.assign(tf.sub(p.variable, tf.mul(g, lr * (p.lrScale ?? 1))));
    }
  }

  protected hasMomentum(): boolean {
    return this.config.momentum !== 0;
  }
}
