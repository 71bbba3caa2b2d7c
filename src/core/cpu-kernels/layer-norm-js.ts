/**
 * LayerNorm over the last axis as two JS kernels on tfjs-backend-wasm (js-kernel.ts: one pass
 * over float32 views of the heap), forward and backward, the gradient given through
 * tf.customGrad so autodiff works unchanged.
 *
 * Why: the generic LayerNorm (models/ops.ts: moments, subtract, sqrt, divide, scale, shift) is
 * ~10 wasm kernels forward and ~28 backward, and each of its reductions over a broadcast axis
 * is a Transpose then a Sum on wasm. The ViT runs 9 LayerNorms a step, the ConvNeXt 8. Here the
 * forward is one kernel (y, and each row's mean and 1 / sqrt(var + eps) for the backward), the
 * backward one kernel (dx, dgamma, dbeta). The WGSL twin is gpu-kernels/model-ops-webgpu.ts.
 *
 * Numerics: each row's sums in float64 (two passes: the mean, then the squared deviations, as
 * the generic moments), outputs rounded once to float32; so within float32 rounding of the
 * generic ops (tests/unit/core/wasm-model-ops.test.ts). Layout: x viewed as [rows, cols].
 */
import * as tf from '@tensorflow/tfjs-core';
import { namedJsKernel } from './js-kernel';
import { attrsOf, inputsOf, type KernelArgs, runKernels } from '../kernel-call';

export const LN_JS_KERNEL = 'FtpJsLayerNorm';
export const LN_JS_GRAD_KERNEL = 'FtpJsLayerNormGrad';

/** [rows, cols] of a tensor normalised over its last axis. */
export const rowsCols = (shape: readonly number[]): [number, number] => {
  const cols = shape[shape.length - 1] as number;
  return [tf.util.sizeFromShape(shape as number[]) / cols, cols];
};

/** x [rows, cols], gamma, beta [cols] -> y (x's shape), stats [rows, 2] (mean, 1 / sqrt(var + eps)). */
function layerNorm(args: KernelArgs): tf.TensorInfo[] {
  const ins = inputsOf(args, 'x', 'gamma', 'beta');
  const { eps } = attrsOf<{ eps: number }>(args);
  const [rows, n] = rowsCols(ins.x.shape);
  return namedJsKernel(
    args.backend,
    ins,
    { y: ins.x.shape, stats: [rows, 2] },
    ({ x, gamma, beta }, { y, stats }) => {
      for (let r = 0, base = 0; r < rows; r++, base += n) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += x[base + j] as number;
        const mean = sum / n;
        let sq = 0;
        for (let j = 0; j < n; j++) {
          const d = (x[base + j] as number) - mean;
          sq += d * d;
        }
        const rstd = 1 / Math.sqrt(sq / n + eps);
        for (let j = 0; j < n; j++)
          y[base + j] =
            ((x[base + j] as number) - mean) * rstd * (gamma[j] as number) + (beta[j] as number);
        stats[2 * r] = mean;
        stats[2 * r + 1] = rstd;
      }
    },
  );
}

/**
 * dy, x [rows, cols], gamma [cols], stats (the forward's) -> dx, dgamma, dbeta, where with
 * xhat = (x - mean) rstd and g = dy gamma: dx = rstd (g - mean(g) - xhat mean(g xhat)),
 * dgamma = sum over rows of dy xhat, dbeta = sum over rows of dy.
 */
function layerNormGrad(args: KernelArgs): tf.TensorInfo[] {
  const ins = inputsOf(args, 'dy', 'x', 'gamma', 'stats');
  const [rows, n] = rowsCols(ins.x.shape);
  return namedJsKernel(
    args.backend,
    ins,
    { dx: ins.x.shape, dgamma: [n], dbeta: [n] },
    ({ dy, x, gamma, stats }, { dx, dgamma, dbeta }) => {
      const sg = new Float64Array(n); // column sums of dy xhat, then of dy
      const sb = new Float64Array(n);
      for (let r = 0, base = 0; r < rows; r++, base += n) {
        const mean = stats[2 * r] as number;
        const rstd = stats[2 * r + 1] as number;
        let sumG = 0;
        let sumGx = 0;
        for (let j = 0; j < n; j++) {
          const d = dy[base + j] as number;
          const xhat = ((x[base + j] as number) - mean) * rstd;
          const g = d * (gamma[j] as number);
          sumG += g;
          sumGx += g * xhat;
          sg[j] = (sg[j] as number) + d * xhat;
          sb[j] = (sb[j] as number) + d;
        }
        const mg = sumG / n;
        const mgx = sumGx / n;
        for (let j = 0; j < n; j++) {
          const xhat = ((x[base + j] as number) - mean) * rstd;
          dx[base + j] = rstd * ((dy[base + j] as number) * (gamma[j] as number) - mg - xhat * mgx);
        }
      }
      dgamma.set(sg);
      dbeta.set(sb);
    },
  );
}

/** The kernels, for registration on wasm (wasm-model-ops.ts). */
export const LAYER_NORM_JS_KERNELS: [string, (a: KernelArgs) => tf.TensorInfo[]][] = [
  [LN_JS_KERNEL, layerNorm],
  [LN_JS_GRAD_KERNEL, layerNormGrad],
];

/** LayerNorm over the last axis of x with weight gamma and bias beta ([D]): 1 kernel, 1 backward. */
export function layerNormJs(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  eps: number,
): tf.Tensor {
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, g, b, save] = a as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const [y, stats] = runKernels(LN_JS_KERNEL, { x: xx, gamma: g, beta: b }, { eps }) as [
      tf.Tensor,
      tf.Tensor,
    ];
    save([xx, g, stats]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, gs, st] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor];
        const [dx, dg, db] = runKernels(LN_JS_GRAD_KERNEL, {
          dy: dy as tf.Tensor,
          x: xs,
          gamma: gs,
          stats: st,
        });
        return [dx as tf.Tensor, dg as tf.Tensor, db as tf.Tensor];
      },
    };
  });
  const cols = x.shape[x.rank - 1] as number;
  return f(x, tf.reshape(gamma, [cols]), tf.reshape(beta, [cols]));
}
