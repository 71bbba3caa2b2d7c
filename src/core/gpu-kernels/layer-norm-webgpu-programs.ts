/**
 * LayerNorm's WGSL programs on tfjs's WebGPU backend as tfjs programs (one output each), and the
 * column sum (dbeta, a bias gradient): layer-norm-webgpu.ts runs the forward with its row
 * statistics, and dgamma with dbeta, in one dispatch each where it can, and these otherwise.
 *
 * Layout: x is viewed as [rows, cols] over its last axis (a reshape costs no dispatch). Row
 * programs give each row to one invocation (cols is small in these models: 24-256); column
 * reductions (dgamma, dbeta) give each column to one workgroup of 64 that strides over the rows.
 * Arithmetic in f32, as the generic ops on the GPU: the same two-pass mean and biased variance.
 */
import type * as tf from '@tensorflow/tfjs-core';
import {
  columnProgram,
  flatProgram,
  i32,
  rowsCols,
  runProgram,
  runRowProgram,
} from './webgpu-program';
import { attrsOf, inputsOf, type KernelArgs } from '../kernel-call';

export const LN_KERNEL = 'FtpLayerNorm';
export const LN_STATS_KERNEL = 'FtpLayerNormStats';
export const LN_GRAD_X_KERNEL = 'FtpLayerNormGradX';
export const LN_GRAD_GAMMA_KERNEL = 'FtpLayerNormGradGamma';
export const COLUMN_SUM_KERNEL = 'FtpColumnSum';

/**
 * Row `index` of X [rows, cols] (n = cols, from X[base]): its mean and `sq`, the sum of squared
 * deviations from it (two passes, as the generic moments).
 */
export const ROW_MOMENTS = `
          let n = uniforms.cols;
          let base = index * n;
          var sum = 0.0;
          for (var j = 0; j < n; j++) { sum = sum + X[base + j]; }
          let mean = sum / f32(n);
          var sq = 0.0;
          for (var j = 0; j < n; j++) { let d = X[base + j] - mean; sq = sq + d * d; }`;

/** x [rows, cols], gamma, beta [cols] -> y = (x - mean) / sqrt(var + eps) * gamma + beta. */
export function layerNorm(args: KernelArgs): tf.TensorInfo {
  const { x, gamma, beta } = inputsOf(args, 'x', 'gamma', 'beta');
  const [rows, cols] = rowsCols(x.shape);
  const body = `
        if (index < uniforms.rows) {
          ${ROW_MOMENTS}
          let denom = sqrt(sq / f32(n) + uniforms.eps);
          for (var j = 0; j < n; j++) { result[base + j] = (X[base + j] - mean) / denom * Gamma[j] + Beta[j]; }
        }`;
  return runRowProgram(
    args.backend,
    'ln',
    [
      ['X', x],
      ['Gamma', gamma],
      ['Beta', beta],
    ],
    x.shape,
    [rows, cols],
    ['eps', attrsOf<{ eps: number }>(args).eps],
    body,
  );
}

/** x [rows, cols] -> [rows, 2]: each row's mean and 1 / sqrt(var + eps). */
export function layerNormStats(args: KernelArgs): tf.TensorInfo {
  const { x } = inputsOf(args, 'x');
  const [rows, cols] = rowsCols(x.shape);
  const body = `
        if (index < uniforms.rows) {
          ${ROW_MOMENTS}
          result[2 * index] = mean;
          result[2 * index + 1] = 1.0 / sqrt(sq / f32(n) + uniforms.eps);
        }`;
  return runRowProgram(
    args.backend,
    'ln_stats',
    [['X', x]],
    [rows, 2],
    [rows, cols],
    ['eps', attrsOf<{ eps: number }>(args).eps],
    body,
  );
}

/** dy, x [rows, cols], gamma [cols], stats [rows, 2] -> dx = rstd (g - mean(g) - xhat mean(g xhat)), g = dy gamma. */
export function layerNormGradX(args: KernelArgs): tf.TensorInfo {
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
export function layerNormGradGamma(args: KernelArgs): tf.TensorInfo {
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
export function columnSum(args: KernelArgs): tf.TensorInfo {
  const { x } = inputsOf(args, 'x');
  const [rows, cols] = rowsCols(x.shape);
  const program = columnProgram('colsum', ['X'], 'rows : i32, cols : i32,', cols, '', 'X[i]');
  return runProgram(args.backend, program, [x], i32(rows, cols));
}
