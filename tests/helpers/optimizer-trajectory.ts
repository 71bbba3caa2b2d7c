/**
 * The optimizer trajectory that the fused-update tests compare, fused kernels against generic
 * ops, on whatever backend is active: the same seeds and shapes each time, so two runs differ
 * only by the kernels that served them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createOptimizer } from '../../src/core/optim/create';
import type { TrainedParam } from '../../src/core/optim/optimizer';
import { Rng } from '../../src/core/rng';
import type { OptimizerConfig } from '../../src/spec/optimizer-config';

/**
 * 6 steps of `cfg` on two parameters, w [3, 4] (with decay and an lr scale) and b [4], random
 * gradients and a decaying rate; the final weights, w then b, flat.
 */
export async function optimizerTrajectory(cfg: OptimizerConfig): Promise<number[]> {
  const rng = new Rng(9);
  const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
  const params: TrainedParam[] = [
    {
      name: 'w',
      variable: tf.variable(tf.tensor2d(rand(12), [3, 4])),
      weightDecay: 0.05,
      lrScale: 0.5,
    },
    { name: 'b', variable: tf.variable(tf.tensor1d(rand(4))), weightDecay: 0 },
  ];
  const opt = createOptimizer(cfg);
  for (let s = 0; s < 6; s++) {
    const grads = new Map(
      params.map((p) => [p.name, tf.tensor(rand(p.variable.size), p.variable.shape)] as const),
    );
    tf.tidy(() => opt.apply(params, grads, cfg.lr * (1 - s / 10)));
    tf.dispose([...grads.values()]);
  }
  const out: number[] = [];
  for (const p of params) out.push(...(await p.variable.data()));
  opt.dispose();
  tf.dispose(params.map((p) => p.variable));
  return out;
}
