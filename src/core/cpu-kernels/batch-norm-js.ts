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

export const BN_TRAIN_KERNEL = 'FtpBatchNormTrain';
export const BN_GRAD_KERNEL = 'FtpBatchNormGrad';
export const BN_EVAL_KERNEL = 'FtpBatchNormEval';
export const BN_STATS_KERNEL = 'FtpBatchNormStats';
export const BN_GRAD_COEF_KERNEL = 'FtpBatchNormGradCoef';
export const BN_EVAL_AFFINE_KERNEL = 'FtpBatchNormEvalAffine';

type TI = tf.TensorInfo;
type Coef = Float32Array | Float64Array;
/** The forward kernels' inputs: x [.., C] and the per-channel gamma, beta, runningMean, runningVar [C]. */
type BnInputs = Record<'x' | 'gamma' | 'beta' | 'runningMean' | 'runningVar', Float32Array>;
/** The gradient kernels' inputs: dy, x, y [.., C], stats [2, C] (mean; rstd), gamma [C]. */
type GradInputs = Record<'dy' | 'x' | 'y' | 'stats' | 'gamma', Float32Array>;

const FORWARD_INPUTS = ['x', 'gamma', 'beta', 'runningMean', 'runningVar'] as const;
const GRAD_INPUTS = ['dy', 'x', 'y', 'stats', 'gamma'] as const;

const channels = (x: TI): number => x.shape[x.shape.length - 1] as number;

/** y = relu?(x * scale[c] + offset[c]) over NHWC data with C channels. */
function scaleShift(
  xv: Float32Array,
  y: Float32Array,
  C: number,
  scale: Float64Array,
  offset: Float64Array,
  relu: boolean,
): void {
  const N = xv.length;
  for (let c = 0; c < C; c++) {
    const sc = scale[c] as number;
    const of = offset[c] as number;
    if (relu) {
      for (let i = c; i < N; i += C) {
        const o = (xv[i] as number) * sc + of;
        y[i] = (o + Math.abs(o)) * 0.5;
      }
    } else {
      for (let i = c; i < N; i += C) y[i] = (xv[i] as number) * sc + of;
    }
  }
}

/**
 * The batch's per-channel statistics in one pass (float64 sums of x - x[c]: a shift near the
 * mean keeps E[d^2] - E[d]^2 free of cancellation): writes stats [mean; rstd] (2C), the running
 * statistics' new values, and the affine map y = x * scale + offset that normalises.
 */
function channelStats(
  v: BnInputs,
  C: number,
  eps: number,
  momentum: number,
  out: { stats: Float32Array; rm2: Float32Array; rv2: Float32Array; scale: Coef; offset: Coef },
): void {
  const xv = v.x;
  const N = xv.length;
  const n = N / C;
  for (let c = 0; c < C; c++) {
    const shift = xv[c] as number;
    let s = 0;
    let q = 0;
    for (let i = c; i < N; i += C) {
      const d = (xv[i] as number) - shift;
      s += d;
      q += d * d;
    }
    const ds = s / n;
    const m = shift + ds;
    const variance = Math.max(q / n - ds * ds, 0); // biased: what normalises
    const r = 1 / Math.sqrt(variance + eps);
    const sc = (v.gamma[c] as number) * r;
    out.stats[c] = m;
    out.stats[C + c] = r;
    out.scale[c] = sc;
    out.offset[c] = (v.beta[c] as number) - m * sc;
    out.rm2[c] = (1 - momentum) * (v.runningMean[c] as number) + momentum * m;
    out.rv2[c] =
      (1 - momentum) * (v.runningVar[c] as number) + (momentum * variance * n) / Math.max(n - 1, 1);
  }
}

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

/**
 * Per channel: sg = sum(g), sgx = sum(g * (x - mean)), g = dy masked by the ReLU (y > 0), into
 * sums [2C]; dgamma = sgx rstd, dbeta = sg. Then dx = k g + u x + w with k = gamma rstd,
 * u = -k sgx rstd^2 / n, w = -k sg / n - u mean (the standard formula, k (g - a - (x - mean) b)).
 */
function gradSums(
  v: GradInputs,
  C: number,
  relu: boolean,
  coef: { dgamma: Float32Array; dbeta: Float32Array; k: Coef; u: Coef; w: Coef },
): void {
  const { dy: dyv, x: xv, y: yv, stats: sv } = v;
  const N = xv.length;
  const n = N / C;
  for (let c = 0; c < C; c++) {
    const m = sv[c] as number;
    const r = sv[C + c] as number;
    let sg = 0;
    let sgx = 0;
    if (relu) {
      for (let i = c; i < N; i += C) {
        const g = +((yv[i] as number) > 0) * (dyv[i] as number);
        sg += g;
        sgx += g * ((xv[i] as number) - m);
      }
    } else {
      for (let i = c; i < N; i += C) {
        const g = dyv[i] as number;
        sg += g;
        sgx += g * ((xv[i] as number) - m);
      }
    }
    coef.dbeta[c] = sg;
    coef.dgamma[c] = sgx * r;
    const k = (v.gamma[c] as number) * r;
    const u = (-k * sgx * r * r) / n;
    coef.k[c] = k;
    coef.u[c] = u;
    coef.w[c] = (-k * sg) / n - u * m;
  }
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
      const { dy: dyv, x: xv, y: yv } = v;
      const N = xv.length;
      for (let c = 0; c < C; c++) {
        const kc = k[c] as number;
        const uc = u[c] as number;
        const wc = w[c] as number;
        if (relu) {
          for (let i = c; i < N; i += C)
            dx[i] =
              kc * (+((yv[i] as number) > 0) * (dyv[i] as number)) + uc * (xv[i] as number) + wc;
        } else {
          for (let i = c; i < N; i += C)
            dx[i] = kc * (dyv[i] as number) + uc * (xv[i] as number) + wc;
        }
      }
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

/** The eval-mode map y = x * scale + offset: scale = gamma / sqrt(running_var + eps), offset = beta - running_mean * scale. */
function evalAffine(
  v: Omit<BnInputs, 'x'>,
  C: number,
  eps: number,
  scale: Coef,
  offset: Coef,
): void {
  for (let c = 0; c < C; c++) {
    const sc = (v.gamma[c] as number) / Math.sqrt((v.runningVar[c] as number) + eps);
    scale[c] = sc;
    offset[c] = (v.beta[c] as number) - (v.runningMean[c] as number) * sc;
  }
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
