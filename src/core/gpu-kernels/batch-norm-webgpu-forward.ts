/**
 * The forward programs of the WebGPU BatchNorm(+ReLU) (batch-norm-webgpu.ts: the why, the
 * formulas and the kernel names): the per-channel statistics, normalise + affine + ReLU with
 * them, the running statistics' update, and eval mode with the running ones. x [B, H, W, C] is
 * viewed as [rows, C]; elementwise programs run one element to an invocation.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  f32,
  flatProgram,
  i32,
  rowsCols,
  runProgram,
  treeSum,
  WORKGROUP,
  WORKGROUP_ID,
} from './webgpu-program';
import { attrsOf, inputsOf, type KernelArgs } from '../kernel-call';

type TI = tf.TensorInfo;

/** Elementwise over the elements of `outputShape` (flat dispatch), `main(index)`; `c` is the channel of `index`. */
export function elementwise(
  key: string,
  inputs: string[],
  uniforms: string,
  outputShape: number[],
  body: string,
): object {
  return flatProgram(
    key,
    inputs,
    `n : i32, cols : i32, ${uniforms}`,
    outputShape,
    tf.util.sizeFromShape(outputShape),
    `
        if (index < uniforms.n) {
          let c = index % uniforms.cols;
          ${body}
        }`,
  );
}

/** x [.., C] -> stats [2, C]: each channel's mean, then its biased variance (two passes). */
export function bnStats(args: KernelArgs): TI {
  const { x } = inputsOf(args, 'x');
  const [rows, cols] = rowsCols(x.shape);
  const program = {
    variableNames: ['X'],
    uniforms: 'rows : i32, cols : i32,',
    workgroupSize: [WORKGROUP, 1, 1],
    outputShape: [2, cols],
    dispatchLayout: { x: [0, 1] },
    dispatch: [cols, 1, 1],
    shaderKey: 'ftp_bn_stats',
    getUserCode: () => `
      var<workgroup> partial : array<f32, ${WORKGROUP}>;
      fn main(index : i32) {
        let c = ${WORKGROUP_ID};
        let lid = i32(localId.x);
        let valid = c < uniforms.cols;
        var acc = 0.0;
        if (valid) {
          for (var r = lid; r < uniforms.rows; r = r + ${WORKGROUP}) {
            acc = acc + X[r * uniforms.cols + c];
          }
        }
        partial[lid] = acc;
        ${treeSum(WORKGROUP)}
        let mean = partial[0] / f32(uniforms.rows);
        workgroupBarrier();
        var sq = 0.0;
        if (valid) {
          for (var r = lid; r < uniforms.rows; r = r + ${WORKGROUP}) {
            let d = X[r * uniforms.cols + c] - mean;
            sq = sq + d * d;
          }
        }
        partial[lid] = sq;
        ${treeSum(WORKGROUP)}
        if (lid == 0 && valid) {
          result[c] = mean;
          result[uniforms.cols + c] = partial[0] / f32(uniforms.rows);
        }
      }`,
  };
  return runProgram(args.backend, program, [x], i32(rows, cols));
}

const reluOf = (relu: boolean, v: string): string => (relu ? `max(${v}, 0.0)` : v);

/** x, stats, gamma, beta -> y = relu?((x - mean) / sqrt(var + eps) * gamma + beta). */
export function bnApply(args: KernelArgs): TI {
  const { x, stats, gamma, beta } = inputsOf(args, 'x', 'stats', 'gamma', 'beta');
  const { eps, relu } = attrsOf<{ eps: number; relu: boolean }>(args);
  const [, cols] = rowsCols(x.shape);
  const body = `
          let xhat = (X[index] - S[c]) / sqrt(S[uniforms.cols + c] + uniforms.eps);
          result[index] = ${reluOf(relu, 'xhat * Gamma[c] + Beta[c]')};`;
  const program = elementwise(
    `bn_apply_${relu ? 'relu' : 'linear'}`,
    ['X', 'S', 'Gamma', 'Beta'],
    'eps : f32,',
    x.shape,
    body,
  );
  return runProgram(
    args.backend,
    program,
    [x, stats, gamma, beta],
    [...i32(tf.util.sizeFromShape(x.shape), cols), ...f32(eps)],
  );
}

/** running [C], stats [2, C] -> running * keep + stats[row] * factor (running_mean: row 0; running_var: row 1). */
export function bnRunning(args: KernelArgs): TI {
  const { running, stats } = inputsOf(args, 'running', 'stats');
  const { row, keep, factor } = attrsOf<{ row: number; keep: number; factor: number }>(args);
  const cols = running.shape[0] as number;
  const body =
    'result[index] = R[index] * uniforms.keep + S[uniforms.row * uniforms.cols + index] * uniforms.factor;';
  const program = elementwise(
    'bn_running',
    ['R', 'S'],
    'row : i32, keep : f32, factor : f32,',
    [cols],
    body,
  );
  return runProgram(
    args.backend,
    program,
    [running, stats],
    [...i32(cols, cols, row), ...f32(keep, factor)],
  );
}

/** x, gamma, beta, runningMean, runningVar -> relu?((x - running_mean) / sqrt(running_var + eps) * gamma + beta). */
export function bnEval(args: KernelArgs): TI {
  const { x, gamma, beta, runningMean, runningVar } = inputsOf(
    args,
    'x',
    'gamma',
    'beta',
    'runningMean',
    'runningVar',
  );
  const { eps, relu } = attrsOf<{ eps: number; relu: boolean }>(args);
  const [, cols] = rowsCols(x.shape);
  const body = `
          let xhat = (X[index] - RM[c]) / sqrt(RV[c] + uniforms.eps);
          result[index] = ${reluOf(relu, 'xhat * Gamma[c] + Beta[c]')};`;
  const program = elementwise(
    `bn_eval_${relu ? 'relu' : 'linear'}`,
    ['X', 'Gamma', 'Beta', 'RM', 'RV'],
    'eps : f32,',
    x.shape,
    body,
  );
  return runProgram(
    args.backend,
    program,
    [x, gamma, beta, runningMean, runningVar],
    [...i32(tf.util.sizeFromShape(x.shape), cols), ...f32(eps)],
  );
}
