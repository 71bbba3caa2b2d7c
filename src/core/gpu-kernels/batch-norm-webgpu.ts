/**
 * BatchNorm2d (NHWC, training mode with the batch's statistics, or eval mode with the running
 * ones) and an optional ReLU after it, as a few WGSL programs on tfjs's WebGPU backend.
 *
 * Why: the generic BatchNorm (models/ops.ts `batchNorm`: tf.moments, subtract, sqrt, divide,
 * scale, shift, the running statistics) is 18 dispatches forward and 31 backward on WebGPU, plus
 * 1 and 2 for tf.relu, where autodiff goes through the moments and reduces every broadcast. The micro ResNet
 * runs 9 of them per step: fused, its AdamW step goes from 627 dispatches to 237
 * (docs/performance.md). Here a training BatchNorm(+ReLU) is 3 dispatches forward
 * (per-channel mean and biased variance; normalise + affine + ReLU; running_mean with running_var)
 * and 2 backward (dgamma with dbeta as per-channel sums; dx from them), through tf.customGrad;
 * the pairs in one dispatch each (batch-norm-webgpu-pairs.ts).
 * Eval mode is 1 program.
 *
 * Registered for webgpu only, and taken where tfjs's registry has BN_WEBGPU_STATS_KERNEL for the
 * active backend (kernel-paths.ts); cpu and wasm take the JS kernels (cpu-kernels/batch-norm-js.ts),
 * webgl the generic ops (models/batch-norm.ts chooses). Arithmetic in f32, as the generic ops
 * on the GPU: a two-pass mean and biased variance, xhat = (x - mean) / sqrt(var + eps),
 * y = xhat * gamma + beta; running_mean' = (1 - momentum) running_mean + momentum mean,
 * running_var' = (1 - momentum) running_var + momentum var n / (n - 1) (torch's unbiased
 * variance). Backward, with g = dy (times y > 0 after a ReLU):
 *   dbeta = sum(g),  dgamma = sum(g xhat),  dx = gamma / sqrt(var + eps) (g - dbeta / n - xhat dgamma / n).
 * tests/unit/core/batch-norm-webgpu.test.ts holds them to the generic path on Dawn.
 *
 * Layout: x [B, H, W, C] is viewed as [rows, C] (rows = B H W). Per-channel reductions give each
 * channel one workgroup of 64 that strides over the rows; elementwise programs one element to an
 * invocation. The programs sit in batch-norm-webgpu-forward.ts and batch-norm-webgpu-grad.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerWebGpuKernels } from './webgpu-program';
import { type KernelArgs, runKernel, runKernels } from '../kernel-call';
import { bnApply, bnEval, bnRunning, bnStats } from './batch-norm-webgpu-forward';
import { bnGradBeta, bnGradGamma, bnGradX } from './batch-norm-webgpu-grad';
import {
  BN_PAIR_KERNELS,
  BN_WEBGPU_GRAD_PAIR_KERNEL,
  BN_WEBGPU_RUNNING_PAIR_KERNEL,
} from './batch-norm-webgpu-pairs';

export const BN_WEBGPU_STATS_KERNEL = 'FtpBatchNormStatsWebGpu';
export const BN_WEBGPU_APPLY_KERNEL = 'FtpBatchNormApplyWebGpu';
export const BN_WEBGPU_RUNNING_KERNEL = 'FtpBatchNormRunningWebGpu';
export const BN_WEBGPU_GRAD_BETA_KERNEL = 'FtpBatchNormGradBetaWebGpu';
export const BN_WEBGPU_GRAD_GAMMA_KERNEL = 'FtpBatchNormGradGammaWebGpu';
export const BN_WEBGPU_GRAD_X_KERNEL = 'FtpBatchNormGradXWebGpu';
export const BN_WEBGPU_EVAL_KERNEL = 'FtpBatchNormEvalWebGpu';

type TI = tf.TensorInfo;
const KERNELS: [string, (a: KernelArgs) => TI | TI[]][] = [
  [BN_WEBGPU_STATS_KERNEL, bnStats],
  [BN_WEBGPU_APPLY_KERNEL, bnApply],
  [BN_WEBGPU_RUNNING_KERNEL, bnRunning],
  [BN_WEBGPU_GRAD_BETA_KERNEL, bnGradBeta],
  [BN_WEBGPU_GRAD_GAMMA_KERNEL, bnGradGamma],
  [BN_WEBGPU_GRAD_X_KERNEL, bnGradX],
  [BN_WEBGPU_EVAL_KERNEL, bnEval],
  ...BN_PAIR_KERNELS,
];

/** Registers the kernels for the WebGPU backend (idempotent; the backend itself need not be loaded). */
export const registerWebGpuBatchNorm = (): void => registerWebGpuKernels(KERNELS);

export interface BatchNormState {
  gamma: tf.Tensor;
  beta: tf.Tensor;
  runningMean: tf.Tensor;
  runningVar: tf.Tensor;
}

/** Eval mode: normalise with the running statistics, then ReLU if `relu` (1 dispatch). */
export function batchNormEvalWebGpu(
  x: tf.Tensor4D,
  s: BatchNormState,
  eps: number,
  relu: boolean,
): tf.Tensor4D {
  return runKernel(
    BN_WEBGPU_EVAL_KERNEL,
    { x, gamma: s.gamma, beta: s.beta, runningMean: s.runningMean, runningVar: s.runningVar },
    { eps, relu },
  ) as tf.Tensor4D;
}

/**
 * Training mode: normalise with the batch's statistics, then ReLU if `relu`. Returns y (its
 * gradient to x, gamma and beta through tf.customGrad: 2 dispatches) and the new running
 * statistics (not part of the value: no gradient; tf.keep'd, the caller owns them). 3 dispatches.
 */
export function batchNormTrainWebGpu(
  x: tf.Tensor4D,
  s: BatchNormState,
  eps: number,
  momentum: number,
  relu: boolean,
): { y: tf.Tensor4D; runningMean: tf.Tensor; runningVar: tf.Tensor } {
  const n = tf.util.sizeFromShape(x.shape) / (x.shape[3] as number);
  let runningMean: tf.Tensor | undefined;
  let runningVar: tf.Tensor | undefined;
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, gamma, beta, save] = a as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const stats = runKernel(BN_WEBGPU_STATS_KERNEL, { x: xx });
    const y = runKernel(
      BN_WEBGPU_APPLY_KERNEL,
      { x: xx, stats, gamma, beta },
      { eps, relu },
    ) as tf.Tensor4D;
    // Kept here: customGrad runs this function in a tidy that frees all it does not return.
    [runningMean, runningVar] = runKernels(
      BN_WEBGPU_RUNNING_PAIR_KERNEL,
      { runningMean: s.runningMean, runningVar: s.runningVar, stats },
      { keep: 1 - momentum, meanFactor: momentum, varFactor: (momentum * n) / Math.max(n - 1, 1) },
    ).map((t) => tf.keep(t));
    // gamma is saved (a kept clone, sharing its data): the gradient reads the forward's values
    // whatever happens to the variable after. In this engine the backward pass runs inside the
    // same tf.variableGrads call (train/step.ts), before the optimizer assigns new weights, so
    // models/batch-norm.ts's JS path reads gamma unsaved, to the same effect.
    save([xx, y, stats, gamma]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, ys, st, gs] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor, tf.Tensor1D];
        const ins = { dy: dy as tf.Tensor, y: ys, x: xs, stats: st };
        const [dgamma, dbeta] = runKernels(BN_WEBGPU_GRAD_PAIR_KERNEL, ins, { eps, relu }) as [
          tf.Tensor,
          tf.Tensor,
        ];
        const dx = runKernel(
          BN_WEBGPU_GRAD_X_KERNEL,
          { ...ins, gamma: gs, dgamma, dbeta },
          { eps, relu },
        );
        return [dx, dgamma, dbeta];
      },
    };
  });
  const y = f(x, s.gamma, s.beta) as tf.Tensor4D;
  return { y, runningMean: runningMean as tf.Tensor, runningVar: runningVar as tf.Tensor };
}
