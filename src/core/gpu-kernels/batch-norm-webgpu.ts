/**
 * BatchNorm2d (NHWC, training mode with the batch's statistics, or eval mode with the running
 * ones) and an optional ReLU after it, as a few WGSL programs on tfjs's WebGPU backend.
 *
 * Why: the generic BatchNorm (models/ops.ts `batchNorm`: tf.moments, subtract, sqrt, divide,
 * scale, shift, the running statistics) is 18 dispatches forward and 31 backward on WebGPU, plus
 * 1 and 2 for tf.relu, where autodiff goes through the moments and reduces every broadcast. The micro ResNet
 * runs 9 of them per step: fused, its AdamW step goes from 627 dispatches to 237
 * (docs/performance.md). Here a training BatchNorm(+ReLU) is 4 programs forward
 * (per-channel mean and biased variance; normalise + affine + ReLU; running_mean; running_var)
 * and 3 backward (dgamma and dbeta as per-channel sums; dx from them), through tf.customGrad.
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
 * invocation.
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
  treeSum,
  WORKGROUP,
  WORKGROUP_ID,
} from './webgpu-program';
import { attrsOf, inputsOf, type KernelArgs, runKernel } from '../kernel-call';

export const BN_WEBGPU_STATS_KERNEL = 'FtpBatchNormStatsWebGpu';
export const BN_WEBGPU_APPLY_KERNEL = 'FtpBatchNormApplyWebGpu';
export const BN_WEBGPU_RUNNING_KERNEL = 'FtpBatchNormRunningWebGpu';
export const BN_WEBGPU_GRAD_BETA_KERNEL = 'FtpBatchNormGradBetaWebGpu';
export const BN_WEBGPU_GRAD_GAMMA_KERNEL = 'FtpBatchNormGradGammaWebGpu';
export const BN_WEBGPU_GRAD_X_KERNEL = 'FtpBatchNormGradXWebGpu';
export const BN_WEBGPU_EVAL_KERNEL = 'FtpBatchNormEvalWebGpu';

type TI = tf.TensorInfo;

/** Elementwise over the elements of `outputShape` (flat dispatch), `main(index)`; `c` is the channel of `index`. */
function elementwise(
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

/**
 * One workgroup per channel c of [rows, cols]: out[c] = sum over rows r of `term` (an f32
 * expression in c and `i = r * cols + c`, after `prelude`, once per channel).
 */
const channelSum = (
  key: string,
  inputs: string[],
  cols: number,
  prelude: string,
  term: string,
): object => columnProgram(key, inputs, 'rows : i32, cols : i32, eps : f32,', cols, prelude, term);

/** x [.., C] -> stats [2, C]: each channel's mean, then its biased variance (two passes). */
function bnStats(args: KernelArgs): TI {
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
function bnApply(args: KernelArgs): TI {
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
function bnRunning(args: KernelArgs): TI {
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

/** The upstream gradient g at element i: dy, masked by y > 0 after a ReLU. */
const gradOf = (relu: boolean, i: string): string =>
  relu ? `select(0.0, DY[${i}], Y[${i}] > 0.0)` : `DY[${i}]`;

/**
 * The gradient programs' inputs by name, y only after a ReLU (WebGPU drops a binding that the
 * shader does not read, so each program binds exactly what it reads).
 */
function gradInputs(
  inputs: tf.NamedTensorInfoMap,
  relu: boolean,
  names: string[],
): [string[], TI[]] {
  const used = names.filter((n) => n !== 'y' || relu);
  const variable: Record<string, string> = {
    dy: 'DY',
    y: 'Y',
    x: 'X',
    stats: 'S',
    gamma: 'Gamma',
    dgamma: 'DG',
    dbeta: 'DB',
  };
  return [used.map((n) => variable[n] as string), used.map((n) => inputs[n] as TI)];
}

/** dy, y -> dbeta [C] = sum(g). */
function bnGradBeta(args: KernelArgs): TI {
  const { eps, relu } = attrsOf<{ eps: number; relu: boolean }>(args);
  const [rows, cols] = rowsCols(inputsOf(args, 'dy').dy.shape);
  const [names, ins] = gradInputs(args.inputs, relu, ['dy', 'y']);
  const program = channelSum(
    `bn_dbeta_${relu ? 'relu' : 'linear'}`,
    names,
    cols,
    '',
    gradOf(relu, 'i'),
  );
  return runProgram(args.backend, program, ins, [...i32(rows, cols), ...f32(eps)]);
}

/** dy, y, x, stats -> dgamma [C] = sum(g xhat). */
function bnGradGamma(args: KernelArgs): TI {
  const { eps, relu } = attrsOf<{ eps: number; relu: boolean }>(args);
  const [rows, cols] = rowsCols(inputsOf(args, 'dy').dy.shape);
  const [names, ins] = gradInputs(args.inputs, relu, ['dy', 'y', 'x', 'stats']);
  const prelude = 'let mean = S[c]; let sd = sqrt(S[uniforms.cols + c] + uniforms.eps);';
  const program = channelSum(
    `bn_dgamma_${relu ? 'relu' : 'linear'}`,
    names,
    cols,
    prelude,
    `${gradOf(relu, 'i')} * ((X[i] - mean) / sd)`,
  );
  return runProgram(args.backend, program, ins, [...i32(rows, cols), ...f32(eps)]);
}

/** dy, y, x, stats, gamma, dgamma, dbeta -> dx = gamma / sqrt(var + eps) (g - dbeta / n - xhat dgamma / n). */
function bnGradX(args: KernelArgs): TI {
  const { eps, relu } = attrsOf<{ eps: number; relu: boolean }>(args);
  const { shape } = inputsOf(args, 'x').x;
  const [rows, cols] = rowsCols(shape);
  // Storage buffers: the output and up to 7 inputs, WebGPU's default limit of 8.
  const [names, ins] = gradInputs(args.inputs, relu, [
    'dy',
    'y',
    'x',
    'stats',
    'gamma',
    'dgamma',
    'dbeta',
  ]);
  const body = `
          let sd = sqrt(S[uniforms.cols + c] + uniforms.eps);
          let xhat = (X[index] - S[c]) / sd;
          let g = ${gradOf(relu, 'index')};
          result[index] = Gamma[c] / sd * (g - DB[c] / uniforms.rows - xhat * (DG[c] / uniforms.rows));`;
  const program = elementwise(
    `bn_dx_${relu ? 'relu' : 'linear'}`,
    names,
    'eps : f32, rows : f32,',
    shape,
    body,
  );
  return runProgram(args.backend, program, ins, [
    ...i32(tf.util.sizeFromShape(shape), cols),
    ...f32(eps, rows),
  ]);
}

/** x, gamma, beta, runningMean, runningVar -> relu?((x - running_mean) / sqrt(running_var + eps) * gamma + beta). */
function bnEval(args: KernelArgs): TI {
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

const KERNELS: [string, (a: KernelArgs) => TI][] = [
  [BN_WEBGPU_STATS_KERNEL, bnStats],
  [BN_WEBGPU_APPLY_KERNEL, bnApply],
  [BN_WEBGPU_RUNNING_KERNEL, bnRunning],
  [BN_WEBGPU_GRAD_BETA_KERNEL, bnGradBeta],
  [BN_WEBGPU_GRAD_GAMMA_KERNEL, bnGradGamma],
  [BN_WEBGPU_GRAD_X_KERNEL, bnGradX],
  [BN_WEBGPU_EVAL_KERNEL, bnEval],
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
 * gradient to x, gamma and beta through tf.customGrad: 3 dispatches) and the new running
 * statistics (not part of the value: no gradient; tf.keep'd, the caller owns them). 4 dispatches.
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
    runningMean = tf.keep(
      runKernel(
        BN_WEBGPU_RUNNING_KERNEL,
        { running: s.runningMean, stats },
        { row: 0, keep: 1 - momentum, factor: momentum },
      ),
    );
    runningVar = tf.keep(
      runKernel(
        BN_WEBGPU_RUNNING_KERNEL,
        { running: s.runningVar, stats },
        { row: 1, keep: 1 - momentum, factor: (momentum * n) / Math.max(n - 1, 1) },
      ),
    );
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
        const dbeta = runKernel(BN_WEBGPU_GRAD_BETA_KERNEL, ins, { eps, relu });
        const dgamma = runKernel(BN_WEBGPU_GRAD_GAMMA_KERNEL, ins, { eps, relu });
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
