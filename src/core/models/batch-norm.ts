/**
 * BatchNorm2d (NHWC) with an optional ReLU after it, as the micro ResNet uses it: the op, which
 * picks its implementation through tfjs's kernel registry (kernel-paths.ts).
 *
 * - webgpu: a few WGSL programs (gpu-kernels/batch-norm-webgpu.ts: 4 dispatches forward, 3
 *   backward, 1 in eval mode);
 * - wasm: JS kernels for the per-channel reductions and XNNPACK 1x1 depthwise convs (with bias
 *   and ReLU) for the elementwise passes (cpu-kernels/batch-norm-js.ts, the split kernels);
 * - cpu: two JS kernels, forward and backward (cpu-kernels/batch-norm-js.ts). Autodiff through
 *   tf.moments and the normalisation is about forty small kernels per layer (on wasm most
 *   reductions also transpose first); this is two;
 * - elsewhere (webgl), the generic ops: models/ops.ts `batchNorm`, then tf.relu.
 * Semantics are torch's: biased variance to normalise, unbiased variance into running_var,
 * momentum 0.1, eps 1e-5; eval mode normalises with the running statistics.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  BN_EVAL_AFFINE_KERNEL,
  BN_EVAL_KERNEL,
  BN_GRAD_COEF_KERNEL,
  BN_GRAD_KERNEL,
  BN_STATS_KERNEL,
  BN_TRAIN_KERNEL,
} from '../cpu-kernels/batch-norm-js';
import {
  batchNormEvalWebGpu,
  batchNormTrainWebGpu,
  type BatchNormState,
} from '../gpu-kernels/batch-norm-webgpu';
import { runKernels as run } from '../kernel-call';
import { served } from '../kernel-paths';
import type { Params } from './model';
import { batchNorm, BN_EPS, BN_MOMENTUM } from './ops';

/** A layer's parameters and running statistics, by its name's keys. */
const stateOf = (p: Params, name: string): BatchNormState => ({
  gamma: p(`${name}.weight`),
  beta: p(`${name}.bias`),
  runningMean: p(`${name}.running_mean`),
  runningVar: p(`${name}.running_var`),
});

/**
 * BatchNorm2d on NHWC, then ReLU if `relu`. Training: normalise with the batch's statistics and
 * put the new running statistics (and num_batches_tracked) into `updates`, kept; eval: the
 * running statistics.
 */
export function batchNormAct(
  p: Params,
  name: string,
  x: tf.Tensor4D,
  training: boolean,
  updates: Map<string, tf.Tensor>,
  relu: boolean,
): tf.Tensor4D {
  if (served('webGpuBatchNorm')) {
    const s = stateOf(p, name);
    if (!training) return batchNormEvalWebGpu(x, s, BN_EPS, relu);
    const { y, runningMean, runningVar } = batchNormTrainWebGpu(x, s, BN_EPS, BN_MOMENTUM, relu);
    updates.set(`${name}.running_mean`, tf.keep(runningMean));
    updates.set(`${name}.running_var`, tf.keep(runningVar));
    updates.set(
      `${name}.num_batches_tracked`,
      tf.keep(tf.add(p(`${name}.num_batches_tracked`), 1)),
    );
    return y;
  }
  if (!served('jsBatchNorm')) {
    const y = batchNorm(p, name, x, training, updates);
    return relu ? tf.relu(y) : y;
  }
  // wasm: JS for the reductions, XNNPACK for the elementwise passes; cpu: JS for all.
  const split = served('splitBatchNorm');
  const s = stateOf(p, name);
  if (!training) return split ? affine(x, evalAffine(s), relu) : evalJs(x, s, relu);
  const out = trainJs(x, s, relu, split, (rm2, rv2) => {
    updates.set(`${name}.running_mean`, tf.keep(rm2));
    updates.set(`${name}.running_var`, tf.keep(rv2));
  });
  updates.set(`${name}.num_batches_tracked`, tf.keep(tf.add(p(`${name}.num_batches_tracked`), 1)));
  return out;
}

/** y = relu?(x * scale + offset) as one XNNPACK depthwise conv: scale a filter [1, 1, C, 1], offset [C]. */
const affine = (
  x: tf.Tensor4D,
  [scale, offset]: [tf.Tensor, tf.Tensor],
  relu: boolean,
): tf.Tensor4D =>
  tf.fused.depthwiseConv2d({
    x,
    filter: scale as tf.Tensor4D,
    strides: 1,
    pad: 'valid',
    bias: offset,
    activation: relu ? 'relu' : 'linear',
  });

/** Eval mode's [scale, offset] from the running statistics (a JS kernel, wasm). */
const evalAffine = (s: BatchNormState): [tf.Tensor, tf.Tensor] =>
  run(BN_EVAL_AFFINE_KERNEL, { ...s }, { eps: BN_EPS }) as [tf.Tensor, tf.Tensor];

/** Eval mode in one JS kernel (cpu). */
const evalJs = (x: tf.Tensor4D, s: BatchNormState, relu: boolean): tf.Tensor4D =>
  run(BN_EVAL_KERNEL, { x, ...s }, { eps: BN_EPS, relu })[0] as tf.Tensor4D;

/**
 * Training mode on the JS kernels, its gradient through tf.customGrad: one kernel each way on
 * cpu; on wasm (`split`) the statistics and the gradient's coefficients in JS, the elementwise
 * passes in XNNPACK. The new running statistics go to `keepRunning` (state, not part of the value).
 */
function trainJs(
  x: tf.Tensor4D,
  s: BatchNormState,
  relu: boolean,
  split: boolean,
  keepRunning: (rm: tf.Tensor, rv: tf.Tensor) => void,
): tf.Tensor4D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, gamma, beta, save] = args as [tf.Tensor4D, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const trainInputs = {
      x: xx,
      gamma,
      beta,
      runningMean: s.runningMean,
      runningVar: s.runningVar,
    };
    const bnAttrs = { eps: BN_EPS, momentum: BN_MOMENTUM };
    let y: tf.Tensor4D;
    let stats: tf.Tensor;
    if (split) {
      const [st, rm2, rv2, scale, offset] = run(BN_STATS_KERNEL, trainInputs, bnAttrs) as [
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
      ];
      [y, stats] = [affine(xx, [scale, offset], relu), st];
      keepRunning(rm2, rv2);
    } else {
      const [yy, st, rm2, rv2] = run(BN_TRAIN_KERNEL, trainInputs, { ...bnAttrs, relu }) as [
        tf.Tensor4D,
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
      ];
      [y, stats] = [yy, st];
      keepRunning(rm2, rv2);
    }
    // gamma is not saved: the backward pass runs inside the same tf.variableGrads call as this
    // forward (train/step.ts), before the optimizer assigns new weights, so it still holds the
    // forward's values (batch-norm-webgpu.ts saves it instead; a saved clone costs nothing).
    save([xx, y, stats]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => gradJs(dy, saved, gamma, relu, split),
    };
  });
  return f(x, s.gamma, s.beta) as tf.Tensor4D;
}

/** [dx, dgamma, dbeta] from dy and the saved [x, y, stats]. */
function gradJs(
  dy: tf.Tensor,
  saved: tf.Tensor[],
  gamma: tf.Tensor,
  relu: boolean,
  split: boolean,
): tf.Tensor[] {
  const [xs, ys, st] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor];
  const gradInputs = { dy, x: xs, y: ys, stats: st, gamma };
  if (!split) return run(BN_GRAD_KERNEL, gradInputs, { relu });
  // dx = k g + u x + w, g = dy masked by the ReLU: two 1x1 depthwise convs and an add.
  const [dgamma, dbeta, k, u, wc] = run(BN_GRAD_COEF_KERNEL, gradInputs, { relu }) as [
    tf.Tensor,
    tf.Tensor,
    tf.Tensor4D,
    tf.Tensor4D,
    tf.Tensor,
  ];
  const g = relu ? tf.mul(dy, tf.step(ys)) : dy;
  const dx = tf.add(
    tf.depthwiseConv2d(g as tf.Tensor4D, k, 1, 'valid'),
    tf.fused.depthwiseConv2d({ x: xs, filter: u, strides: 1, pad: 'valid', bias: wc }),
  );
  return [dx, dgamma, dbeta];
}
