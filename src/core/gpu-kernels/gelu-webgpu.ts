/**
 * Exact GELU as WGSL programs on tfjs's WebGPU backend, forward and backward (1 dispatch each,
 * the gradient through tf.customGrad), one element to an invocation. Part of the model ops
 * (model-ops-webgpu.ts: the why, registered there with the LayerNorm).
 */
import * as tf from '@tensorflow/tfjs-core';
import { flatProgram, i32, runProgram } from './webgpu-program';
import { inputsOf, type KernelArgs, runKernel } from '../kernel-call';

export const GELU_KERNEL = 'FtpGelu';
export const GELU_GRAD_KERNEL = 'FtpGeluGrad';

// tfjs's erf (Abramowitz-Stegun 7.1.26, the constants of tfjs-core's erf_util), as the generic op computes it.
const ERF_FN = `
      fn ftpErf(a : f32) -> f32 {
        let t = 1.0 / (1.0 + 0.3275911 * abs(a));
        return sign(a) * (1.0 - (((((1.061405429 * t + -1.453152027) * t) + 1.421413741) * t + -0.284496736) * t + 0.254829592) * t * exp(-abs(a) * abs(a)));
      }`;

/** One program over `shape`: result = `value` from in<Name>, each input's element at `index`. */
function elementwise(key: string, inputs: string[], shape: number[], value: string): object {
  const size = shape.reduce((a, b) => a * b, 1);
  const p = flatProgram(
    key,
    inputs,
    'n : i32,',
    shape,
    size,
    `
        if (index < uniforms.n) {
          ${inputs.map((v) => `let in${v} = ${v}[index];`).join(' ')}
          result[index] = ${value};
        }`,
  ) as { getUserCode: () => string };
  const main = p.getUserCode;
  return { ...p, getUserCode: () => `${ERF_FN}\n${main()}` };
}

/** x -> 0.5 x (1 + erf(x / sqrt 2)), the exact GELU (torch.nn.GELU()). */
function gelu(args: KernelArgs): tf.TensorInfo {
  const { x } = inputsOf(args, 'x');
  const program = elementwise(
    'gelu',
    ['X'],
    x.shape,
    `inX * 0.5 * (ftpErf(inX * ${Math.SQRT1_2}) + 1.0)`,
  );
  return runProgram(args.backend, program, [x], i32(tf.util.sizeFromShape(x.shape)));
}

/** dy, x -> dy (0.5 (1 + erf(x / sqrt 2)) + x exp(-x^2 / 2) / sqrt(2 pi)). */
function geluGrad(args: KernelArgs): tf.TensorInfo {
  const { dy, x } = inputsOf(args, 'dy', 'x');
  const value = `inDY * (0.5 * (ftpErf(inX * ${Math.SQRT1_2}) + 1.0) + inX * exp(-0.5 * inX * inX) * ${1 / Math.sqrt(2 * Math.PI)})`;
  const program = elementwise('gelu_grad', ['DY', 'X'], x.shape, value);
  return runProgram(args.backend, program, [dy, x], i32(tf.util.sizeFromShape(x.shape)));
}

/** The GELU kernels, for registerWebGpuModelOps. */
export const GELU_KERNELS: [string, (a: KernelArgs) => tf.TensorInfo][] = [
  [GELU_KERNEL, gelu],
  [GELU_GRAD_KERNEL, geluGrad],
];

/** Exact GELU: 1 dispatch, 1 backward. */
export function geluWebGpu(x: tf.Tensor): tf.Tensor {
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, save] = a as [tf.Tensor, tf.GradSaveFunc];
    save([x2]);
    return {
      value: runKernel(GELU_KERNEL, { x: x2 }),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        runKernel(GELU_GRAD_KERNEL, { dy: dy as tf.Tensor, x: saved[0] as tf.Tensor }),
    };
  });
  return f(x);
}
