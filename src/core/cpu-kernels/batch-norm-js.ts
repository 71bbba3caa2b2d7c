/**
 * BatchNorm2d (NHWC, + optional ReLU) as JS kernels for the CPU-side backends (js-kernel.ts);
 * the op that picks them is models/batch-norm.ts.
 *
 * The forward pass computes the batch's mean and variance in one pass (float64 sums, shifted by
 * each channel's first value so that no cancellation bites), normalises, scales, shifts, applies
 * the ReLU and updates the running statistics; the backward pass is the standard BatchNorm
 * gradient,
 *   dbeta = sum(g),  dgamma = sum(g * xhat),
 *   dx = gamma * rstd * (g - dbeta / n - xhat * dgamma / n),   g = dy (masked by y > 0 after a ReLU),
 * in two passes. Two families: the whole op (train, grad, eval: cpu, and wasm too), and the same
 * without its elementwise passes (stats, grad-coef, eval-affine: wasm only), where XNNPACK applies
 * them as 1x1 depthwise convs with bias and ReLU, several times faster than a JS pass.
 *
 * The loops run channel by channel over the strided NHWC data with scalar accumulators (V8 keeps
 * them in registers; per-channel typed-array accumulators are several times slower), and the
 * ReLU is branch-free: (o + |o|) / 2 forward, dy * (y > 0) backward (signs are random, so a
 * branch mispredicts half the time).
 */
import * as tf from '@tensorflow/tfjs-core';
import { namedJsKernel, registerJsKernel } from './js-kernel';
import { attrsOf, inputsOf, type KernelArgs } from '../kernel-call';
import { channelStats, evalAffine, gradDx, gradSums, scaleShift } from './batch-norm-math';

export const BN_TRAIN_KERNEL = 'FtpBatchNormTrain';
export const BN_GRAD_KERNEL = 'FtpBatchNormGrad';
export const BN_EVAL_KERNEL = 'FtpBatchNormEval';
export const BN_STATS_KERNEL = 'FtpBatchNormStats';
export const BN_GRAD_COEF_KERNEL = 'FtpBatchNormGradCoef';
export const BN_EVAL_AFFINE_KERNEL = 'FtpBatchNormEvalAffine';

type TI = tf.TensorInfo;

const FORWARD_INPUTS = ['x', 'gamma', 'beta', 'runningMean', 'runningVar'] as const;
const GRAD_INPUTS = ['dy', 'x', 'y', 'stats', 'gamma'] as const;

const channels = (x: TI): number => x.shape[x.shape.length - 1] as number;

/** x, gamma, beta, runningMean, runningVar -> y, stats [2, C] (mean; 1 / sqrt(var + eps)), runningMean', runningVar'. */
function bnTrain(args: KernelArgs): TI[] {
  const ins = inputsOf(args, ...FORWARD_INPUTS);
  const { eps, momentum, relu } = attrsOf<{ eps: number; momentum: number; relu: boolean }>(args);
  const C = channels(ins.x);
  return namedJsKernel(
    args.backend,
    ins,
    { y: ins.x.shape, stats: [2, C], rm2: [C], rv2: [C] },
    (v, out) => {
      const scale = new Float64Array(C);
      const offset = new Float64Array(C);
      channelStats(v, C, eps, momentum, { ...out, scale, offset });
      scaleShift(v.x, out.y, C, scale, offset, relu);
    },
  );
}

/** bnTrain without the output pass (wasm): -> stats, runningMean', runningVar', scale as a depthwise filter [1, 1, C, 1], offset [C]. */
function bnStats(args: KernelArgs): TI[] {
  const ins = inputsOf(args, ...FORWARD_INPUTS);
  const { eps, momentum } = attrsOf<{ eps: number; momentum: number }>(args);
  const C = channels(ins.x);
  return namedJsKernel(
    args.backend,
    ins,
    { stats: [2, C], rm2: [C], rv2: [C], scale: [1, 1, C, 1], offset: [C] },
    (v, out) => channelStats(v, C, eps, momentum, out),
  );
}

/** dy, x, y, stats (bnTrain's), gamma -> dx, dgamma, dbeta. */
function bnGrad(args: KernelArgs): TI[] {
  const ins = inputsOf(args, ...GRAD_INPUTS);
  const { relu } = attrsOf<{ relu: boolean }>(args);
  const C = channels(ins.x);
  return namedJsKernel(
    args.backend,
    ins,
    { dx: ins.x.shape, dgamma: [C], dbeta: [C] },
    (v, { dx, dgamma, dbeta }) => {
      const k = new Float64Array(C);
      const u = new Float64Array(C);
      const w = new Float64Array(C);
      gradSums(v, C, relu, { dgamma, dbeta, k, u, w });
      gradDx(v, C, relu, { k, u, w }, dx);
    },
  );
}

/** bnGrad without the dx pass (wasm: XNNPACK does it): -> dgamma, dbeta, k and u as depthwise filters [1, 1, C, 1], w [C]. */
function bnGradCoef(args: KernelArgs): TI[] {
  const ins = inputsOf(args, ...GRAD_INPUTS);
  const { relu } = attrsOf<{ relu: boolean }>(args);
  const C = channels(ins.x);
  const f = [1, 1, C, 1];
  return namedJsKernel(
    args.backend,
    ins,
    { dgamma: [C], dbeta: [C], k: f, u: f, w: [C] },
    (v, out) => gradSums(v, C, relu, out),
  );
}

/** gamma, beta, runningMean, runningVar -> the eval-mode affine map: scale [1, 1, C, 1], offset [C] (wasm). */
function bnEvalAffine(args: KernelArgs): TI[] {
  const ins = inputsOf(args, 'gamma', 'beta', 'runningMean', 'runningVar');
  const { eps } = attrsOf<{ eps: number }>(args);
  const C = ins.gamma.shape[0] as number;
  return namedJsKernel(args.backend, ins, { scale: [1, 1, C, 1], offset: [C] }, (v, out) =>
    evalAffine(v, C, eps, out.scale, out.offset),
  );
}

/** x, gamma, beta, runningMean, runningVar -> y (eval mode: the running statistics). */
function bnEval(args: KernelArgs): TI[] {
  const ins = inputsOf(args, ...FORWARD_INPUTS);
  const { eps, relu } = attrsOf<{ eps: number; relu: boolean }>(args);
  const C = channels(ins.x);
  return namedJsKernel(args.backend, ins, { y: ins.x.shape }, (v, out) => {
    const scale = new Float64Array(C);
    const offset = new Float64Array(C);
    evalAffine(v, C, eps, scale, offset);
    scaleShift(v.x, out.y, C, scale, offset, relu);
  });
}

/** Registers the whole-op kernels on cpu and wasm, the split ones (XNNPACK does the elementwise passes) on wasm only; idempotent. */
export function registerJsBatchNorm(): void {
  registerJsKernel(BN_TRAIN_KERNEL, bnTrain);
  registerJsKernel(BN_GRAD_KERNEL, bnGrad);
  registerJsKernel(BN_EVAL_KERNEL, bnEval);
  registerJsKernel(BN_STATS_KERNEL, bnStats, ['wasm']);
  registerJsKernel(BN_GRAD_COEF_KERNEL, bnGradCoef, ['wasm']);
  registerJsKernel(BN_EVAL_AFFINE_KERNEL, bnEvalAffine, ['wasm']);
}
