/**
 * The bias gradient of linear layers and convolutions on tfjs-backend-wasm: one JS column sum
 * (js-kernel.ts) registered under the WGSL column sum's name (gpu-kernels/model-ops-webgpu.ts
 * COLUMN_SUM_KERNEL), so the one linear op and bias op serve both backends
 * (gpu-kernels/linear-webgpu.ts: tfjs's fused matMul with the bias inside forward, the matmuls
 * and this column sum backward).
 *
 * Why: the generic y = matMul(x, W) + b is a matmul and a broadcast Add forward; backward,
 * autodiff sums dy over the rows for db, which tfjs-backend-wasm runs as a Transpose of dy and
 * a Sum (its Sum reduces innermost axes only). tfjs's _FusedMatMul on wasm hands the bias to
 * XNNPACK's fully-connected operator (no extra pass), and a column sum reads dy once in place.
 * The matmul gradients are plain matMuls (wasm-mat-mul.ts sends their transposed operands to
 * XNNPACK). Sums in float64, rounded once.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { jsKernel } from './js-kernel';
import { inputsOf, type KernelArgs } from '../kernel-call';
import { COLUMN_SUM_KERNEL } from '../gpu-kernels/model-ops-webgpu';

/** x [.., cols] -> [cols]: the sum over every other axis (a bias gradient). */
function columnSum(args: KernelArgs): tf.TensorInfo {
  const { x } = inputsOf(args, 'x');
  const n = x.shape[x.shape.length - 1] as number;
  const [out] = jsKernel(args.backend, [x], [[n]], ([xv], [o]) => {
    const xs = xv as Float32Array;
    const sums = new Float64Array(n);
    for (let base = 0; base < xs.length; base += n)
      for (let j = 0; j < n; j++) sums[j] = (sums[j] as number) + (xs[base + j] as number);
    (o as Float32Array).set(sums);
  });
  return out as tf.TensorInfo;
}

/** The kernel, for registration on wasm (wasm-model-ops.ts). */
export const LINEAR_JS_KERNELS: [string, (a: KernelArgs) => tf.TensorInfo][] = [
  [COLUMN_SUM_KERNEL, columnSum],
];
