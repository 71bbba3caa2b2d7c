/**
 * Linear layers and conv biases on tfjs-backend-wasm: the bias inside XNNPACK's matmul forward,
 * its gradient one JS column sum (js-kernel.ts) backward, through tf.customGrad. The WGSL twin
 * is gpu-kernels/linear-webgpu.ts.
 *
 * Why: the generic y = matMul(x, W) + b is a matmul and a broadcast Add forward; backward,
 * autodiff sums dy over the rows for db, which tfjs-backend-wasm runs as a Transpose of dy and
 * a Sum (its Sum reduces innermost axes only). tfjs's _FusedMatMul on wasm hands the bias to
 * XNNPACK's fully-connected operator (no extra pass), and a column sum reads dy once in place.
 * The matmul gradients are plain matMuls (wasm-mat-mul.ts sends their transposed operands to
 * XNNPACK). Sums in float64, rounded once.
 */
import * as tf from '@tensorflow/tfjs-core';
import { jsKernel } from './js-kernel';
import { inputsOf, type KernelArgs, runKernels } from '../kernel-call';

/** A JS kernel's one output (jsKernel returns a list). */
const runOne = (...a: Parameters<typeof runKernels>): tf.Tensor => runKernels(...a)[0] as tf.Tensor;

export const COLUMN_SUM_JS_KERNEL = 'FtpJsColumnSum';

/** x [.., cols] -> [cols]: the sum over every other axis (a bias gradient). */
function columnSum(args: KernelArgs): tf.TensorInfo[] {
  const { x } = inputsOf(args, 'x');
  const n = x.shape[x.shape.length - 1] as number;
  return jsKernel(args.backend, [x], [[n]], ([xv], [out]) => {
    const xs = xv as Float32Array;
    const sums = new Float64Array(n);
    for (let base = 0; base < xs.length; base += n)
      for (let j = 0; j < n; j++) sums[j] = (sums[j] as number) + (xs[base + j] as number);
    (out as Float32Array).set(sums);
  });
}

/** The kernel, for registration on wasm (wasm-model-ops.ts). */
export const LINEAR_JS_KERNELS: [string, (a: KernelArgs) => tf.TensorInfo[]][] = [
  [COLUMN_SUM_JS_KERNEL, columnSum],
];

/** x [rows, in] W [in, out] + b [out]: 1 kernel forward (XNNPACK with the bias), 2 matmuls and a column sum backward. */
export function affineJs(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor): tf.Tensor2D {
  const outF = w.shape[1];
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, ww, bb, save] = a as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([xx, ww]);
    return {
      value: tf.fused.matMul({ a: xx, b: ww, bias: bb }),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const d = dy as tf.Tensor2D;
        return [
          tf.matMul(d, ws, false, true),
          tf.matMul(xs, d, true, false),
          runOne(COLUMN_SUM_JS_KERNEL, { x: d }),
        ];
      },
    };
  });
  return f(x, w, tf.reshape(b, [outF])) as tf.Tensor2D;
}

/** y [.., C] + b [C]: the Add forward, the bias gradient one column sum backward. */
export function biasAddJs<T extends tf.Tensor>(y: T, b: tf.Tensor): T {
  const c = y.shape[y.rank - 1] as number;
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [yy, bb] = a as [tf.Tensor, tf.Tensor1D];
    return {
      value: tf.add(yy, bb),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => [
        tf.clone(dy as tf.Tensor),
        runOne(COLUMN_SUM_JS_KERNEL, { x: dy as tf.Tensor }),
      ],
    };
  });
  return f(y, tf.reshape(b, [c])) as T;
}
