/**
 * LAMB (You et al. 2019, "Large Batch Optimization for Deep Learning"), in the variant of
 * timm's `timm.optim.Lamb` with its defaults except grad clipping (max_grad_norm=None):
 *   m <- b1 m + (1 - b1) g;   v <- b2 v + (1 - b2) g^2            (Adam moments)
 *   u <- (m / (1 - b1^t)) / (sqrt(v) / sqrt(1 - b2^t) + eps)     (bias correction on, eps outside sqrt)
 *   u <- u + wd * p                                             (decoupled decay inside the update)
 *   r <- ||p|| / ||u||, 1 if either norm is 0 (no trust clipping)
 *   p <- p - lr * r * u
 * Why timm's: it is the reference the paper's own code base (timm) ships, and it fixes the
 * details the paper leaves open: bias correction as in Adam (the paper's Algorithm 2 has it),
 * phi = identity (no clipping of ||p||), eps added after the square root. As timm does
 * (`weight_decay != 0 or always_adapt`), a parameter with no weight decay (biases, norms, layer
 * scale, position embedding, cls token: param-groups.ts) gets no trust ratio either: plain Adam.
 * We leave out timm's global grad-norm clipping: the other optimizers do not clip.
 * t counts each parameter's own steps. Plain tfjs ops on every backend (no fused kernel).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer, TrainedParam } from './optimizer';
import { MomentsOptimizer } from './param-state';
import { guardedRatio, l2 } from './trust-ratio';
import type { OptimizerConfig } from '../../spec/optimizer-config';

type LambConfig = Extract<OptimizerConfig, { kind: 'lamb' }>;

/** Refuses bad LAMB settings, naming the setting (multi-lamb.ts checks the same). */
export function checkLambConfig({ beta1, beta2, eps }: LambConfig): void {
  if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1))
    throw new Error(`LAMB betas must lie in [0, 1), got ${beta1}, ${beta2}`);
  if (!(eps >= 0)) throw new Error(`LAMB eps must be >= 0, got ${eps}`);
}

export class Lamb extends MomentsOptimizer implements Optimizer {
  constructor(readonly config: LambConfig) {
    super();
    checkLambConfig(config);
  }

  apply(params: readonly TrainedParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    const { beta1, beta2, eps } = this.config;
    for (const p of params) {
      const g = grads.get(p.name);
      if (!g) continue;
      const s = this.state.of(p);
      s.step += 1;
      s.m.assign(tf.add(tf.mul(s.m, beta1), tf.mul(g, 1 - beta1)));
      s.v.assign(tf.add(tf.mul(s.v, beta2), tf.mul(tf.square(g), 1 - beta2)));
      const denom = tf.add(tf.div(tf.sqrt(s.v), Math.sqrt(1 - beta2 ** s.step)), eps);
      let update: tf.Tensor = tf.div(tf.div(s.m, 1 - beta1 ** s.step), denom);
      if (p.weightDecay !== 0) {
        update = tf.add(update, tf.mul(p.variable, p.weightDecay));
        const wNorm = l2(p.variable);
        const uNorm = l2(update);
        update = tf.mul(update, guardedRatio(tf.div(wNorm, uNorm), wNorm, uNorm));
      }
      p.variable.assign(tf.sub(p.variable, tf.mul(update, lr * (p.lrScale ?? 1))));
    }
  }
}
