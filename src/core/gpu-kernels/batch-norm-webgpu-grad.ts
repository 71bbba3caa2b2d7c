/**
 * The backward programs of the WebGPU BatchNorm(+ReLU) (batch-norm-webgpu.ts: the why, the
 * formulas and the kernel names): dbeta and dgamma as per-channel sums (one workgroup of 64 per
 * channel, striding over the rows of [rows, C]), then dx from them, one element to an invocation.
 */
import * as tf from '@tensorflow/tfjs-core';
import { columnProgram, f32, i32, rowsCols, runProgram } from './webgpu-program';
import { attrsOf, inputsOf, type KernelArgs } from '../kernel-call';
import { elementwise } from './batch-norm-webgpu-forward';

type TI = tf.TensorInfo;

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
export function bnGradBeta(args: KernelArgs): TI {
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
export function bnGradGamma(args: KernelArgs): TI {
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
export function bnGradX(args: KernelArgs): TI {
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
