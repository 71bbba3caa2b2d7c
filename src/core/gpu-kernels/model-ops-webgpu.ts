/**
 * LayerNorm and exact GELU as a few WGSL programs on tfjs's WebGPU backend, forward and backward.
 *
 * Why: on WebGPU every tfjs kernel that computes is one dispatch. The generic LayerNorm
 * (models/ops.ts: moments, subtract, sqrt, divide, scale, shift) is 10 dispatches forward and
 * 28 more backward, where autodiff goes through each op and reduces every broadcast; the generic
 * GELU is 5 forward and 10 backward. The micro ViT runs 9 LayerNorms and 4 GELUs per step, the
 * ConvNeXt 8 and 4: fusing them takes 349 and 316 dispatches off a step (docs/performance.md). Here a
 * LayerNorm is 1 dispatch forward and 4 backward (row statistics, dx, dgamma, dbeta), a GELU 1
 * and 1, with the gradients given through tf.customGrad so autodiff works unchanged.
 *
 * Registered for webgpu only, and taken (with linear-webgpu.ts and softmax-webgpu.ts) where tfjs's
 * registry has LN_KERNEL for the active backend (kernel-paths.ts); cpu, wasm and webgl keep the
 * generic ops, their kernels and numerics. Arithmetic in f32, as the generic ops on the GPU: the
 * same two-pass mean and biased variance, the same erf approximation (Abramowitz-Stegun 7.1.26,
 * tfjs's own). tests/unit/core/model-ops-webgpu.test.ts holds them to the generic path on Dawn.
 *
 * Layout: x is viewed as [rows, cols] over its last axis (a reshape costs no dispatch). Row
 * programs give each row to one invocation (cols is small in these models: 24-256); column
 * reductions (dgamma, dbeta) give each column to one workgroup of 64 that strides over the rows.
 * The GELU programs sit in gelu-webgpu.ts (re-exported here).
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  columnProgram,
  f32,
  flatProgram,
  i32,
  registerWebGpuKernels,
  rowsCols,
  runProgram,
} from './webgpu-program';
import { attrsOf, inputsOf, type KernelArgs, runKernel } from '../kernel-call';
import { GELU_KERNELS } from './gelu-webgpu';

export { GELU_GRAD_KERNEL, GELU_KERNEL, geluWebGpu } from './gelu-webgpu';

export const LN_KERNEL = 'FtpLayerNorm';
export const LN_STATS_KERNEL = 'FtpLayerNormStats';
export const LN_GRAD_X_KERNEL = 'FtpLayerNormGradX';
export const LN_GRAD_GAMMA_KERNEL = 'FtpLayerNormGradGamma';
export const COLUMN_SUM_KERNEL = 'FtpColumnSum';

/**
 * Row `index` of X [rows, cols] (n = cols, from X[base]): its mean and `sq`, the sum of squared
 * deviations from it (two passes, as the generic moments).
 */
const ROW_MOMENTS = `
          let n = uniforms.cols;
          let base = index * n;
          var sum = 0.0;
          for (var j = 0; j < n; j++) { sum = sum + X[base + j]; }
          let mean = sum / f32(n);
          var sq = 0.0;
          for (var j = 0; j < n; j++) { let d = X[base + j] - mean; sq = sq + d * d; }`;

/** x [rows, cols], gamma, beta [cols] -> y = (x - mean) / sqrt(var + eps) * gamma + beta. */
function layerNorm(args: KernelArgs): tf.TensorInfo {
  const { x, gamma, beta } = inputsOf(args, 'x', 'gamma', 'beta');
  const [rows, cols] = rowsCols(x.shape);
  const body = `
        if (index < uniforms.rows) {
          ${ROW_MOMENTS}
          let denom = sqrt(sq / f32(n) + uniforms.eps);
          for (var j = 0; j < n; j++) { result[base + j] = (X[base + j] - mean) / denom * Gamma[j] + Beta[j]; }
        }`;
  const program = flatProgram(
    'ln',
    ['X', 'Gamma', 'Beta'],
    'rows : i32, cols : i32, eps : f32,',
    x.shape,
    rows,
    body,
  );
  return runProgram(
    args.backend,
    program,
    [x, gamma, beta],
    [...i32(rows, cols), ...f32(attrsOf<{ eps: number }>(args).eps)],
  );
}

/** x [rows, cols] -> [rows, 2]: each row's mean and 1 / sqrt(var + eps). */
function layerNormStats(args: KernelArgs): tf.TensorInfo {
  const { x } = inputsOf(args, 'x');
  const [rows, cols] = rowsCols(x.shape);
  const body = `
        if (index < uniforms.rows) {
          ${ROW_MOMENTS}
          result[2 * index] = mean;
          result[2 * index + 1] = 1.0 / sqrt(sq / f32(n) + uniforms.eps);
        }`;
  const program = flatProgram(
    'ln_stats',
    ['X'],
    'rows : i32, cols : i32, eps : f32,',
    [rows, 2],
    rows,
    body,
  );
  return runProgram(
    args.backend,
    program,
    [x],
    [...i32(rows, cols), ...f32(attrsOf<{ eps: number }>(args).eps)],
  );
}

/** dy, x [rows, cols], gamma [cols], stats [rows, 2] -> dx = rstd (g - mean(g) - xhat mean(g xhat)), g = dy gamma. */
function layerNormGradX(args: KernelArgs): tf.TensorInfo {
  const { dy, x, gamma, stats } = inputsOf(args, 'dy', 'x', 'gamma', 'stats');
  const [rows, cols] = rowsCols(x.shape);
  const body = `
        if (index < uniforms.rows) {
          let n = uniforms.cols;
          let base = index * n;
          let mean = S[2 * index];
          let rstd = S[2 * index + 1];
          var sg = 0.0;
          var sgx = 0.0;
          for (var j = 0; j < n; j++) {
            let g = DY[base + j] * Gamma[j];
            sg = sg + g;
            sgx = sgx + g * (X[base + j] - mean) * rstd;
          }
          let mg = sg / f32(n);
          let mgx = sgx / f32(n);
          for (var j = 0; j < n; j++) {
            let xhat = (X[base + j] - mean) * rstd;
            result[base + j] = rstd * (DY[base + j] * Gamma[j] - mg - xhat * mgx);
          }
        }`;
  const program = flatProgram(
    'ln_dx',
    ['DY', 'X', 'Gamma', 'S'],
    'rows : i32, cols : i32,',
    x.shape,
    rows,
    body,
  );
  return runProgram(args.backend, program, [dy, x, gamma, stats], i32(rows, cols));
}

/** dy, x [rows, cols], stats [rows, 2] -> dgamma [cols] = sum over rows of dy xhat. */
function layerNormGradGamma(args: KernelArgs): tf.TensorInfo {
  const { dy, x, stats } = inputsOf(args, 'dy', 'x', 'stats');
  const [rows, cols] = rowsCols(x.shape);
  const program = columnProgram(
    'ln_dgamma',
    ['DY', 'X', 'S'],
    'rows : i32, cols : i32,',
    cols,
    '',
    'DY[i] * ((X[i] - S[2 * r]) * S[2 * r + 1])',
  );
  return runProgram(args.backend, program, [dy, x, stats], i32(rows, cols));
}

/** x [rows, cols] -> [cols], the sum over rows (dbeta; a bias gradient). */
function columnSum(args: KernelArgs): tf.TensorInfo {
  const { x } = inputsOf(args, 'x');
  const [rows, cols] = rowsCols(x.shape);
  const program = columnProgram('colsum', ['X'], 'rows : i32, cols : i32,', cols, '', 'X[i]');
  return runProgram(args.backend, program, [x], i32(rows, cols));
}

const KERNELS: [string, (a: KernelArgs) => tf.TensorInfo][] = [
  [LN_KERNEL, layerNorm],
  [LN_STATS_KERNEL, layerNormStats],
  [LN_GRAD_X_KERNEL, layerNormGradX],
  [LN_GRAD_GAMMA_KERNEL, layerNormGradGamma],
  [COLUMN_SUM_KERNEL, columnSum],
  ...GELU_KERNELS,
];

/** Registers the kernels for the WebGPU backend (idempotent; the backend itself need not be loaded). */
export const registerWebGpuModelOps = (): void => registerWebGpuKernels(KERNELS);

/** LayerNorm over the last axis of x with weight gamma and bias beta ([D]): 1 dispatch, 4 backward. */
export function layerNormWebGpu(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  eps: number,
): tf.Tensor {
  const [rows, cols] = rowsCols(x.shape);
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, g, b, save] = a as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    save([x2, g]);
    return {
      value: runKernel(LN_KERNEL, { x: x2, gamma: g, beta: b }, { eps }),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, gs] = saved as [tf.Tensor2D, tf.Tensor1D];
        const d = dy as tf.Tensor2D;
        const stats = runKernel(LN_STATS_KERNEL, { x: xs }, { eps });
        return [
          runKernel(LN_GRAD_X_KERNEL, { dy: d, x: xs, gamma: gs, stats }),
          runKernel(LN_GRAD_GAMMA_KERNEL, { dy: d, x: xs, stats }),
          runKernel(COLUMN_SUM_KERNEL, { x: d }),
        ];
      },
    };
  });
  return tf.reshape(
    f(tf.reshape(x, [rows, cols]), tf.reshape(gamma, [cols]), tf.reshape(beta, [cols])),
    x.shape,
  );
}
