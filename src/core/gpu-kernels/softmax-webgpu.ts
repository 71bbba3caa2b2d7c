/**
 * The attention's softmax(scale * scores) over the last axis on tfjs's WebGPU backend: one
 * program forward and one backward, one invocation per row.
 *
 * Why: the generic `softmax(mul(s, scale))` is a multiply and tfjs's softmax forward, and
 * backward autodiff runs the softmax gradient (multiply, sum, subtract, multiply) and the
 * scale's multiply: 6 dispatches or more per attention layer where these are 2. The micro
 * models' rows are short (the ViT's 17 tokens), so a plain loop per row suffices.
 * Arithmetic in f32, max-subtracted as tfjs's softmax is.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerWebGpuKernels, rowsCols, runRowProgram } from './webgpu-program';
import { attrsOf, inputsOf, type KernelArgs, runKernel } from '../kernel-call';

export const SCALED_SOFTMAX_KERNEL = 'FtpScaledSoftmax';
export const SCALED_SOFTMAX_GRAD_KERNEL = 'FtpScaledSoftmaxGrad';

/** x [rows, cols] -> y = softmax(scale * x) per row. */
function scaledSoftmax(args: KernelArgs): tf.TensorInfo {
  const { x } = inputsOf(args, 'x');
  const [rows, cols] = rowsCols(x.shape);
  const main = `
        if (index < uniforms.rows) {
          let base = index * uniforms.cols;
          var mx = uniforms.scale * X[base];
          for (var c = 1; c < uniforms.cols; c = c + 1) { mx = max(mx, uniforms.scale * X[base + c]); }
          var total = 0.0;
          for (var c = 0; c < uniforms.cols; c = c + 1) { total = total + exp(uniforms.scale * X[base + c] - mx); }
          for (var c = 0; c < uniforms.cols; c = c + 1) { setOutputAtIndex(base + c, exp(uniforms.scale * X[base + c] - mx) / total); }
        }`;
  return runRowProgram(
    args.backend,
    'scaled_softmax',
    [['X', x]],
    x.shape,
    [rows, cols],
    ['scale', attrsOf<{ scale: number }>(args).scale],
    main,
  );
}

/** dy, y [rows, cols] -> dx = scale * y * (dy - sum over the row of dy * y). */
function scaledSoftmaxGrad(args: KernelArgs): tf.TensorInfo {
  const { dy, y } = inputsOf(args, 'dy', 'y');
  const [rows, cols] = rowsCols(y.shape);
  const main = `
        if (index < uniforms.rows) {
          let base = index * uniforms.cols;
          var dot = 0.0;
          for (var c = 0; c < uniforms.cols; c = c + 1) { dot = dot + DY[base + c] * Y[base + c]; }
          for (var c = 0; c < uniforms.cols; c = c + 1) { setOutputAtIndex(base + c, uniforms.scale * Y[base + c] * (DY[base + c] - dot)); }
        }`;
  return runRowProgram(
    args.backend,
    'scaled_softmax_grad',
    [
      ['DY', dy],
      ['Y', y],
    ],
    y.shape,
    [rows, cols],
    ['scale', attrsOf<{ scale: number }>(args).scale],
    main,
  );
}

/** Registers both kernels for the WebGPU backend (idempotent; the backend itself need not be loaded). */
export const registerWebGpuSoftmax = (): void =>
  registerWebGpuKernels([
    [SCALED_SOFTMAX_KERNEL, scaledSoftmax],
    [SCALED_SOFTMAX_GRAD_KERNEL, scaledSoftmaxGrad],
  ]);

/** softmax(scale * x) over x's last axis: 1 dispatch forward, 1 backward. */
export function scaledSoftmaxWebGpu(x: tf.Tensor, scale: number): tf.Tensor {
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, save] = a as [tf.Tensor, tf.GradSaveFunc];
    const y = runKernel(SCALED_SOFTMAX_KERNEL, { x: x2 }, { scale });
    save([y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        runKernel(
          SCALED_SOFTMAX_GRAD_KERNEL,
          { dy: dy as tf.Tensor, y: saved[0] as tf.Tensor },
          { scale },
        ),
    };
  });
  return f(x);
}
