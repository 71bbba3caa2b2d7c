/**
 * SGD with torch.optim.SGD semantics (dampening 0):
 *   g <- grad + wd * p                        (L2 decay added to the gradient)
 *   buf <- g on the first step, else momentum * buf + g
 *   g <- g + momentum * buf (Nesterov) or buf
 *   p <- p - lr * g
 */
import * as tf from '@tensorflow/tfjs-core';
import { SGD_KERNEL } from '../cpu-kernels/fused-update';
import { hasKernel, runKernels } from '../kernel-call';
import type { Optimizer, TrainedParam } from './optimizer';
import { BufferOptimizer } from './param-state';
import type { OptimizerConfig } from '../../spec/optimizer-config';

type SgdConfig = Extract<OptimizerConfig, { kind: 'sgd' }>;

export class Sgd extends BufferOptimizer implements Optimizer {
  constructor(readonly config: SgdConfig) {
    super();
    if (config.nesterov && config.momentum <= 0)
      throw new Error('Nesterov momentum requires momentum > 0');
  }

  apply(params: readonly TrainedParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    const { momentum, nesterov } = this.config;
    // One fused kernel per parameter where the backend has it (CPU); the generic ops elsewhere.
    const fused = hasKernel(SGD_KERNEL);
    for (const p of params) {
      const grad = grads.get(p.name);
      if (!grad) continue; // no gradient: leave the parameter (and its state) alone, as torch does
      if (fused) {
        const buf = this.state.get(p.name);
        const attrs = {
          lr: lr * (p.lrScale ?? 1),
          weightDecay: p.weightDecay,
          momentum,
          nesterov,
          first: !buf,
        };
        const [np, nb] = runKernels(
          SGD_KERNEL,
          buf ? { p: p.variable, g: grad, buf } : { p: p.variable, g: grad },
          attrs,
        );
        if (nb) {
          if (buf) buf.assign(nb);
          else this.state.set(p.name, tf.variable(nb, false)); // torch: buf = clone(g) on the first step
        }
        p.variable.assign(np as tf.Tensor);
        continue;
      }
      let g = p.weightDecay !== 0 ? tf.add(grad, tf.mul(p.variable, p.weightDecay)) : grad;
      if (momentum !== 0) {
        let buf = this.state.get(p.name);
        if (!buf) {
          buf = tf.variable(g, false); // torch: buf = clone(g) on the first step
          this.state.set(p.name, buf);
        } else {
          buf.assign(tf.add(tf.mul(buf, momentum), g));
        }
        g = nesterov ? tf.add(g, tf.mul(buf, momentum)) : buf;
      }
      p.variable.assign(tf.sub(p.variable, tf.mul(g, lr * (p.lrScale ?? 1))));
    }
  }

  protected hasMomentum(): boolean {
    return this.config.momentum !== 0;
  }
}
