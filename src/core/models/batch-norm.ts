/**
 * BatchNorm2d (NHWC) with an optional ReLU after it, as the micro ResNet uses it.
 *
 * On the CPU-side backends (tfjs cpu, tfjs-backend-wasm) it runs as two JS kernels
 * (cpu-kernels/js-kernel.ts): the forward pass computes the batch's mean and variance in one
 * pass (float64 sums, shifted by each channel's first value so that no cancellation bites),
 * normalises, scales, shifts, applies the ReLU and updates the running statistics; the backward
 * pass is the standard BatchNorm gradient,
 *   dbeta = sum(g),  dgamma = sum(g * xhat),
 *   dx = gamma * rstd * (g - dbeta / n - xhat * dgamma / n),   g = dy (masked by y > 0 after a ReLU),
 * in two passes. Autodiff through tf.moments and the normalisation is about forty small kernels per
 * layer (on wasm most reductions also transpose first); this is two. WebGPU runs the same
 * BatchNorm(+ReLU) as a few WGSL programs (gpu-kernels/batch-norm-webgpu.ts: 4 dispatches forward,
 * 3 backward, 1 in eval mode); WebGL keeps the generic ops (models/ops.ts `batchNorm`, then tf.relu).
 * Semantics are torch's: biased variance to normalise, unbiased variance into running_var,
 * momentum 0.1, eps 1e-5; eval mode normalises with the running statistics.
 */
import * as tf from '@tensorflow/tfjs-core';
import { jsKernel, registerJsKernel } from '../cpu-kernels/js-kernel';
import { hasKernel, runKernels as run, type KernelArgs } from '../kernel-call';
import { batchNormEvalWebGpu, batchNormTrainWebGpu, useWebGpuBatchNorm } from '../gpu-kernels/batch-norm-webgpu';
import type { Params } from './model';
import { batchNorm, BN_EPS, BN_MOMENTUM } from './ops';

export const BN_TRAIN_KERNEL = 'FtpBatchNormTrain';
export const BN_GRAD_KERNEL = 'FtpBatchNormGrad';
export const BN_EVAL_KERNEL = 'FtpBatchNormEval';
export const BN_STATS_KERNEL = 'FtpBatchNormStats';
export const BN_GRAD_COEF_KERNEL = 'FtpBatchNormGradCoef';
export const BN_EVAL_AFFINE_KERNEL = 'FtpBatchNormEvalAffine';

type TI = tf.TensorInfo;

const channels = (x: TI): number => x.shape[x.shape.length - 1] as number;

// The loops run channel by channel over the strided NHWC data with scalar accumulators (V8 keeps
// them in registers; per-channel typed-array accumulators are several times slower), and the
// ReLU is branch-free: (o + |o|) / 2 forward, dy * (y > 0) backward (signs are random, so a
// branch mispredicts half the time).

/** y = relu?(x * scale[c] + offset[c]) over NHWC data with C channels. */
function scaleShift(xv: Float32Array, y: Float32Array, C: number, scale: Float64Array, offset: Float64Array, relu: boolean): void {
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
  xv: Float32Array,
  C: number,
  gv: Float32Array,
  bv: Float32Array,
  rmv: Float32Array,
  rvv: Float32Array,
  eps: number,
  momentum: number,
  out: { stats: Float32Array; rm2: Float32Array; rv2: Float32Array; scale: Float32Array | Float64Array; offset: Float32Array | Float64Array },
): void {
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
    const v = Math.max(q / n - ds * ds, 0); // biased: what normalises
    const r = 1 / Math.sqrt(v + eps);
    const sc = (gv[c] as number) * r;
    out.stats[c] = m;
    out.stats[C + c] = r;
    out.scale[c] = sc;
    out.offset[c] = (bv[c] as number) - m * sc;
    out.rm2[c] = (1 - momentum) * (rmv[c] as number) + momentum * m;
    out.rv2[c] = (1 - momentum) * (rvv[c] as number) + (momentum * v * n) / Math.max(n - 1, 1);
  }
}

/** x, gamma, beta, runningMean, runningVar -> y, stats [2, C] (mean; 1 / sqrt(var + eps)), runningMean', runningVar'. */
function bnTrain({ inputs, backend, attrs }: KernelArgs): TI[] {
  const { x, gamma, beta, runningMean, runningVar } = inputs as Record<string, TI>;
  const { eps, momentum, relu } = attrs as { eps: number; momentum: number; relu: boolean };
  const C = channels(x!);
  return jsKernel(backend, [x!, gamma!, beta!, runningMean!, runningVar!], [x!.shape, [2, C], [C], [C]], (ins, outs) => {
    const [xv, gv, bv, rmv, rvv] = ins as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    const [y, stats, rm2, rv2] = outs as [Float32Array, Float32Array, Float32Array, Float32Array];
    const scale = new Float64Array(C);
    const offset = new Float64Array(C);
    channelStats(xv, C, gv, bv, rmv, rvv, eps, momentum, { stats, rm2, rv2, scale, offset });
    scaleShift(xv, y, C, scale, offset, relu);
  });
}

/**
 * bnTrain without the output pass (wasm: XNNPACK applies it as a 1x1 depthwise conv with bias
 * and ReLU, several times faster than a JS pass): -> stats, runningMean', runningVar', scale as
 * a depthwise filter [1, 1, C, 1], offset [C].
 */
function bnStats({ inputs, backend, attrs }: KernelArgs): TI[] {
  const { x, gamma, beta, runningMean, runningVar } = inputs as Record<string, TI>;
  const { eps, momentum } = attrs as { eps: number; momentum: number };
  const C = channels(x!);
  return jsKernel(backend, [x!, gamma!, beta!, runningMean!, runningVar!], [[2, C], [C], [C], [1, 1, C, 1], [C]], (ins, outs) => {
    const [xv, gv, bv, rmv, rvv] = ins as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    const [stats, rm2, rv2, scale, offset] = outs as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    channelStats(xv, C, gv, bv, rmv, rvv, eps, momentum, { stats, rm2, rv2, scale, offset });
  });
}

/**
 * Per channel: sg = sum(g), sgx = sum(g * (x - mean)), g = dy masked by the ReLU (y > 0), into
 * sums [2C]; dgamma = sgx rstd, dbeta = sg. Then dx = k g + u x + w with k = gamma rstd,
 * u = -k sgx rstd^2 / n, w = -k sg / n - u mean (the standard formula, k (g - a - (x - mean) b)).
 */
function gradSums(dyv: Float32Array, xv: Float32Array, yv: Float32Array, sv: Float32Array, gv: Float32Array, C: number, relu: boolean, coef: { dgamma: Float32Array; dbeta: Float32Array; k: Float32Array | Float64Array; u: Float32Array | Float64Array; w: Float32Array | Float64Array }): void {
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
    const k = (gv[c] as number) * r;
    const u = (-k * sgx * r * r) / n;
    coef.k[c] = k;
    coef.u[c] = u;
    coef.w[c] = (-k * sg) / n - u * m;
  }
}

/** dy, x, y, stats (bnTrain's), gamma -> dx, dgamma, dbeta. */
function bnGrad({ inputs, backend, attrs }: KernelArgs): TI[] {
  const { dy, x, y, stats, gamma } = inputs as Record<string, TI>;
  const { relu } = attrs as { relu: boolean };
  const C = channels(x!);
  return jsKernel(backend, [dy!, x!, y!, stats!, gamma!], [x!.shape, [C], [C]], (ins, outs) => {
    const [dyv, xv, yv, sv, gv] = ins as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    const [dx, dgamma, dbeta] = outs as [Float32Array, Float32Array, Float32Array];
    const k = new Float64Array(C);
    const u = new Float64Array(C);
    const w = new Float64Array(C);
    gradSums(dyv, xv, yv, sv, gv, C, relu, { dgamma, dbeta, k, u, w });
    const N = xv.length;
    for (let c = 0; c < C; c++) {
      const kc = k[c] as number;
      const uc = u[c] as number;
      const wc = w[c] as number;
      if (relu) {
        for (let i = c; i < N; i += C) dx[i] = kc * (+((yv[i] as number) > 0) * (dyv[i] as number)) + uc * (xv[i] as number) + wc;
      } else {
        for (let i = c; i < N; i += C) dx[i] = kc * (dyv[i] as number) + uc * (xv[i] as number) + wc;
      }
    }
  });
}

/** bnGrad without the dx pass (wasm: XNNPACK does it): -> dgamma, dbeta, k and u as depthwise filters [1, 1, C, 1], w [C]. */
function bnGradCoef({ inputs, backend, attrs }: KernelArgs): TI[] {
  const { dy, x, y, stats, gamma } = inputs as Record<string, TI>;
  const { relu } = attrs as { relu: boolean };
  const C = channels(x!);
  const f = [1, 1, C, 1];
  return jsKernel(backend, [dy!, x!, y!, stats!, gamma!], [[C], [C], f, f, [C]], (ins, outs) => {
    const [dyv, xv, yv, sv, gv] = ins as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    const [dgamma, dbeta, k, u, w] = outs as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    gradSums(dyv, xv, yv, sv, gv, C, relu, { dgamma, dbeta, k, u, w });
  });
}

/** gamma, beta, runningMean, runningVar -> the eval-mode affine map: scale [1, 1, C, 1], offset [C]. */
function bnEvalAffine({ inputs, backend, attrs }: KernelArgs): TI[] {
  const { gamma, beta, runningMean, runningVar } = inputs as Record<string, TI>;
  const { eps } = attrs as { eps: number };
  const C = gamma!.shape[0] as number;
  return jsKernel(backend, [gamma!, beta!, runningMean!, runningVar!], [[1, 1, C, 1], [C]], ([gv, bv, rmv, rvv], [scale, offset]) => {
    for (let c = 0; c < C; c++) {
      const sc = ((gv as Float32Array)[c] as number) / Math.sqrt(((rvv as Float32Array)[c] as number) + eps);
      (scale as Float32Array)[c] = sc;
      (offset as Float32Array)[c] = ((bv as Float32Array)[c] as number) - ((rmv as Float32Array)[c] as number) * sc;
    }
  });
}

/** x, gamma, beta, runningMean, runningVar -> y (eval mode: the running statistics). */
function bnEval({ inputs, backend, attrs }: KernelArgs): TI[] {
  const { x, gamma, beta, runningMean, runningVar } = inputs as Record<string, TI>;
  const { eps, relu } = attrs as { eps: number; relu: boolean };
  const C = channels(x!);
  return jsKernel(backend, [x!, gamma!, beta!, runningMean!, runningVar!], [x!.shape], (ins, outs) => {
    const [xv, gv, bv, rmv, rvv] = ins as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    const scale = new Float64Array(C);
    const offset = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      scale[c] = (gv[c] as number) / Math.sqrt((rvv[c] as number) + eps);
      offset[c] = (bv[c] as number) - (rmv[c] as number) * (scale[c] as number);
    }
    scaleShift(xv, outs[0] as Float32Array, C, scale, offset, relu);
  });
}

/** Registers the kernels on cpu and wasm (idempotent; done on import). */
export function registerBatchNormKernels(): void {
  registerJsKernel(BN_TRAIN_KERNEL, bnTrain);
  registerJsKernel(BN_GRAD_KERNEL, bnGrad);
  registerJsKernel(BN_EVAL_KERNEL, bnEval);
  registerJsKernel(BN_STATS_KERNEL, bnStats);
  registerJsKernel(BN_GRAD_COEF_KERNEL, bnGradCoef);
  registerJsKernel(BN_EVAL_AFFINE_KERNEL, bnEvalAffine);
}
registerBatchNormKernels();


/**
 * BatchNorm2d on NHWC, then ReLU if `relu`. Training: normalise with the batch's statistics and
 * put the new running statistics (and num_batches_tracked) into `updates`, kept; eval: the
 * running statistics.
 */
export function batchNormAct(p: Params, name: string, x: tf.Tensor4D, training: boolean, updates: Map<string, tf.Tensor>, relu: boolean): tf.Tensor4D {
  if (useWebGpuBatchNorm()) {
    const state = { gamma: p(`${name}.weight`), beta: p(`${name}.bias`), runningMean: p(`${name}.running_mean`), runningVar: p(`${name}.running_var`) };
    if (!training) return batchNormEvalWebGpu(x, state, BN_EPS, relu);
    const { y, runningMean, runningVar } = batchNormTrainWebGpu(x, state, BN_EPS, BN_MOMENTUM, relu);
    updates.set(`${name}.running_mean`, tf.keep(runningMean));
    updates.set(`${name}.running_var`, tf.keep(runningVar));
    updates.set(`${name}.num_batches_tracked`, tf.keep(tf.add(p(`${name}.num_batches_tracked`), 1)));
    return y;
  }
  if (!hasKernel(BN_TRAIN_KERNEL)) {
    const y = batchNorm(p, name, x, training, updates);
    return relu ? tf.relu(y) : y;
  }
  // wasm: JS for the reductions, XNNPACK for the elementwise passes; cpu: JS for all.
  const xnn = tf.getBackend() === 'wasm';
  const w = p(`${name}.weight`);
  const b = p(`${name}.bias`);
  const rm = p(`${name}.running_mean`);
  const rv = p(`${name}.running_var`);
  const affine = (xx: tf.Tensor4D, scale: tf.Tensor, offset: tf.Tensor): tf.Tensor4D =>
    tf.fused.depthwiseConv2d({ x: xx, filter: scale as tf.Tensor4D, strides: 1, pad: 'valid', bias: offset, activation: relu ? 'relu' : 'linear' });
  if (!training) {
    if (!xnn) return run(BN_EVAL_KERNEL, { x, gamma: w, beta: b, runningMean: rm, runningVar: rv }, { eps: BN_EPS, relu })[0] as tf.Tensor4D;
    const [scale, offset] = run(BN_EVAL_AFFINE_KERNEL, { gamma: w, beta: b, runningMean: rm, runningVar: rv }, { eps: BN_EPS }) as [tf.Tensor, tf.Tensor];
    return affine(x, scale, offset);
  }
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, gamma, beta, save] = args as [tf.Tensor4D, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const trainInputs = { x: xx, gamma, beta, runningMean: rm, runningVar: rv };
    let y: tf.Tensor4D;
    let stats: tf.Tensor;
    let rm2: tf.Tensor;
    let rv2: tf.Tensor;
    if (xnn) {
      let scale: tf.Tensor;
      let offset: tf.Tensor;
      [stats, rm2, rv2, scale, offset] = run(BN_STATS_KERNEL, trainInputs, { eps: BN_EPS, momentum: BN_MOMENTUM }) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      y = affine(xx, scale, offset);
    } else {
      [y, stats, rm2, rv2] = run(BN_TRAIN_KERNEL, trainInputs, { eps: BN_EPS, momentum: BN_MOMENTUM, relu }) as [tf.Tensor4D, tf.Tensor, tf.Tensor, tf.Tensor];
    }
    // Running statistics are state, not part of the value: they leave through `updates`.
    updates.set(`${name}.running_mean`, tf.keep(rm2));
    updates.set(`${name}.running_var`, tf.keep(rv2));
    // gamma is not saved: the optimizer assigns new weights only after the backward pass.
    save([xx, y, stats]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ys, st] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor];
        const gradInputs = { dy, x: xs, y: ys, stats: st, gamma };
        if (!xnn) return run(BN_GRAD_KERNEL, gradInputs, { relu });
        // dx = k g + u x + w, g = dy masked by the ReLU: two 1x1 depthwise convs and an add.
        const [dgamma, dbeta, k, u, wc] = run(BN_GRAD_COEF_KERNEL, gradInputs, { relu }) as [tf.Tensor, tf.Tensor, tf.Tensor4D, tf.Tensor4D, tf.Tensor];
        const g = relu ? tf.mul(dy, tf.step(ys)) : dy;
        const dx = tf.add(tf.depthwiseConv2d(g as tf.Tensor4D, k, 1, 'valid'), tf.fused.depthwiseConv2d({ x: xs, filter: u, strides: 1, pad: 'valid', bias: wc }));
        return [dx, dgamma, dbeta];
      },
    };
  });
  const out = f(x, w, b) as tf.Tensor4D;
  updates.set(`${name}.num_batches_tracked`, tf.keep(tf.add(p(`${name}.num_batches_tracked`), 1)));
  return out;
}
