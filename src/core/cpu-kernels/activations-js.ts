/**
 * Exact GELU and the attention's softmax(scale * x) as JS kernels on tfjs-backend-wasm
 * (js-kernel.ts: one pass over float32 views of the heap), forward and backward through
 * tf.customGrad. The WGSL twins are gpu-kernels/gelu-webgpu.ts and softmax-webgpu.ts.
 *
 * Why: the generic GELU (multiply, erf, add, multiply, multiply) is 5 wasm kernels forward and
 * ~10 backward (erf's gradient an exp and more multiplies), each a pass over [rows, 4 D]; the
 * generic scaled softmax is a multiply and softmax's max, subtract, exp, sum, divide forward and
 * ~6 kernels backward, with a Transpose before each reduction on wasm. Here each is one pass.
 *
 * Numerics: float64 in the pass, rounded once to float32. GELU's erf is Abramowitz-Stegun
 * 7.1.26 (absolute error below 1.5e-7, tfjs-core's own constants, as the WGSL kernel); softmax
 * subtracts the row's max as tfjs's does.
 */
import * as tf from '@tensorflow/tfjs-core';
import { jsKernel } from './js-kernel';
import { attrsOf, inputsOf, type KernelArgs, runKernels } from '../kernel-call';

/** A JS kernel's one output (jsKernel returns a list). */
const runOne = (...a: Parameters<typeof runKernels>): tf.Tensor => runKernels(...a)[0] as tf.Tensor;

export const GELU_JS_KERNEL = 'FtpJsGelu';
export const GELU_JS_GRAD_KERNEL = 'FtpJsGeluGrad';
export const SOFTMAX_JS_KERNEL = 'FtpJsScaledSoftmax';
export const SOFTMAX_JS_GRAD_KERNEL = 'FtpJsScaledSoftmaxGrad';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** erf(a), Abramowitz-Stegun 7.1.26 (tfjs-core's erf_util constants). */
function erf(a: number): number {
  const z = Math.abs(a);
  const t = 1 / (1 + 0.3275911 * z);
  const p =
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  const e = 1 - p * Math.exp(-z * z);
  return a < 0 ? -e : e;
}

/** x -> 0.5 x (1 + erf(x / sqrt 2)). */
function gelu(args: KernelArgs): tf.TensorInfo[] {
  const { x } = inputsOf(args, 'x');
  return jsKernel(args.backend, [x], [x.shape], ([xv], [y]) => {
    for (let i = 0; i < (xv as Float32Array).length; i++) {
      const v = (xv as Float32Array)[i] as number;
      (y as Float32Array)[i] = 0.5 * v * (1 + erf(v * Math.SQRT1_2));
    }
  });
}

/** dy, x -> dy (0.5 (1 + erf(x / sqrt 2)) + x exp(-x^2 / 2) / sqrt(2 pi)). */
function geluGrad(args: KernelArgs): tf.TensorInfo[] {
  const { dy, x } = inputsOf(args, 'dy', 'x');
  return jsKernel(args.backend, [dy, x], [x.shape], ([d, xv], [dx]) => {
    for (let i = 0; i < (xv as Float32Array).length; i++) {
      const v = (xv as Float32Array)[i] as number;
      const slope = 0.5 * (1 + erf(v * Math.SQRT1_2)) + v * Math.exp(-0.5 * v * v) * INV_SQRT_2PI;
      (dx as Float32Array)[i] = ((d as Float32Array)[i] as number) * slope;
    }
  });
}

/** x [rows, cols] -> softmax(scale x) per row (over the last axis). */
function scaledSoftmax(args: KernelArgs): tf.TensorInfo[] {
  const { x } = inputsOf(args, 'x');
  const { scale } = attrsOf<{ scale: number }>(args);
  const n = x.shape[x.shape.length - 1] as number;
  return jsKernel(args.backend, [x], [x.shape], ([xv], [y]) => {
    const xs = xv as Float32Array;
    const ys = y as Float32Array;
    for (let base = 0; base < xs.length; base += n) {
      let mx = -Infinity;
      for (let j = 0; j < n; j++) mx = Math.max(mx, scale * (xs[base + j] as number));
      let total = 0;
      for (let j = 0; j < n; j++) total += Math.exp(scale * (xs[base + j] as number) - mx);
      for (let j = 0; j < n; j++)
        ys[base + j] = Math.exp(scale * (xs[base + j] as number) - mx) / total;
    }
  });
}

/** dy, y [rows, cols] -> dx = scale y (dy - sum over the row of dy y). */
function scaledSoftmaxGrad(args: KernelArgs): tf.TensorInfo[] {
  const { dy, y } = inputsOf(args, 'dy', 'y');
  const { scale } = attrsOf<{ scale: number }>(args);
  const n = y.shape[y.shape.length - 1] as number;
  return jsKernel(args.backend, [dy, y], [y.shape], ([dv, yv], [dx]) => {
    const ds = dv as Float32Array;
    const ys = yv as Float32Array;
    const out = dx as Float32Array;
    for (let base = 0; base < ys.length; base += n) {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += (ds[base + j] as number) * (ys[base + j] as number);
      for (let j = 0; j < n; j++)
        out[base + j] = scale * (ys[base + j] as number) * ((ds[base + j] as number) - dot);
    }
  });
}

/** The kernels, for registration on wasm (wasm-model-ops.ts). */
export const ACTIVATION_JS_KERNELS: [string, (a: KernelArgs) => tf.TensorInfo[]][] = [
  [GELU_JS_KERNEL, gelu],
  [GELU_JS_GRAD_KERNEL, geluGrad],
  [SOFTMAX_JS_KERNEL, scaledSoftmax],
  [SOFTMAX_JS_GRAD_KERNEL, scaledSoftmaxGrad],
];

/** Exact GELU: 1 kernel, 1 backward. */
export function geluJs(x: tf.Tensor): tf.Tensor {
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, save] = a as [tf.Tensor, tf.GradSaveFunc];
    save([xx]);
    return {
      value: runOne(GELU_JS_KERNEL, { x: xx }),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        runOne(GELU_JS_GRAD_KERNEL, { dy: dy as tf.Tensor, x: saved[0] as tf.Tensor }),
    };
  });
  return f(x);
}

/** softmax(scale * x) over x's last axis: 1 kernel, 1 backward. */
export function scaledSoftmaxJs(x: tf.Tensor, scale: number): tf.Tensor {
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, save] = a as [tf.Tensor, tf.GradSaveFunc];
    const y = runOne(SOFTMAX_JS_KERNEL, { x: xx }, { scale });
    save([y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        runOne(
          SOFTMAX_JS_GRAD_KERNEL,
          { dy: dy as tf.Tensor, y: saved[0] as tf.Tensor },
          { scale },
        ),
    };
  });
  return f(x);
}
