/**
 * A linear layer y = x W + b on tfjs's WebGPU backend with the bias inside the matmul forward
 * and its gradient in one column-sum program backward.
 *
 * Why: the generic `add(matMul(x, W), b)` is 2 dispatches forward, and autodiff reduces the
 * broadcast bias gradient with a Sum over axis 0, which tfjs's WebGPU reduction runs as a
 * transpose then a reduce: 2 more. tfjs's fused matMul adds the bias in the matmul's own
 * program (1 dispatch), and FtpColumnSum (model-ops-webgpu.ts) sums dy's rows in one: the micro
 * ViT's 18 linear layers (patch embedding, qkv, proj, fc1, fc2, head) save 36 dispatches a step.
 * dx = dy W^T and dW = x^T dy stay tfjs's matmuls.
 */
import * as tf from '@tensorflow/tfjs-core';
import { COLUMN_SUM_KERNEL } from './model-ops-webgpu';
import { runKernel } from '../kernel-call';

/** x [rows, in], w [in, out], b [out] -> [rows, out]: 1 dispatch forward, 3 backward (dx, dW, db). */
export function linearWebGpu(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor): tf.Tensor2D {
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, w2, b2, save] = a as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([x2, w2]);
    return {
      value: tf.fused.matMul({ a: x2, b: w2, bias: b2 }),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const d = dy as tf.Tensor2D;
        return [
          tf.matMul(d, ws, false, true),
          tf.matMul(xs, d, true, false),
          runKernel(COLUMN_SUM_KERNEL, { x: d }),
        ];
      },
    };
  });
  return f(x, w, tf.reshape(b, [w.shape[1]])) as tf.Tensor2D;
}

/**
 * y [..., C] + b [C] (a convolution's bias): tfjs's broadcast add forward (1 dispatch), and
 * backward the bias gradient in one column-sum program (dy reaches y unchanged), where autodiff's
 * Sum over every leading axis is a transpose and a reduce.
 */
export function biasAddWebGpu<T extends tf.Tensor>(y: T, b: tf.Tensor): T {
  const c = y.shape[y.rank - 1] as number;
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [y2, b2] = a as [tf.Tensor, tf.Tensor1D];
    return {
      value: tf.add(y2, b2),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const d = dy as tf.Tensor;
        return [
          tf.reshape(d, d.shape),
          runKernel(COLUMN_SUM_KERNEL, { x: tf.reshape(d, [-1, c]) }),
        ];
      },
    };
  });
  return f(y, tf.reshape(b, [c])) as T;
}
