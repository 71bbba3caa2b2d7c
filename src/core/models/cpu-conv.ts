/**
 * Convolutions with hand-written gradients for tfjs's CPU backend.
 *
 * Why: tfjs-backend-cpu's Conv2DBackpropFilter (and its depthwise twin) are scalar loops; one
 * micro-ResNet step at batch 8 spent 17 of 18 s there. The forward convolution kernel is
 * fast, and a filter gradient IS a convolution: dW[i, j, c, o] = sum_{b,h,w}
 * x[b, h*s + i, w*s + j, c] * dy[b, h, w, o], i.e. x (batch and channels swapped) convolved
 * with dy as the filter, dilated by the stride. Input gradients use the fast transposed conv.
 * GPU backends keep tfjs's native kernels (models/ops.ts chooses).
 */
import * as tf from '@tensorflow/tfjs-core';

/** 'valid' conv2d. x: [B, H, W, Cin], w: [kh, kw, Cin, Cout] -> [B, Ho, Wo, Cout]. */
export function conv2dFastGrad(x: tf.Tensor4D, w: tf.Tensor4D, stride: number): tf.Tensor4D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, ww, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xx, ww]);
    return {
      value: tf.conv2d(xx, ww, stride, 'valid'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dx = tf.conv2dTranspose(dy as tf.Tensor4D, ws, xs.shape, stride, 'valid');
        return [dx, conv2dFilterGrad(xs, dy as tf.Tensor4D, ws.shape, stride)];
      },
    };
  });
  return f(x, w) as tf.Tensor4D;
}

function conv2dFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, wShape: [number, number, number, number], stride: number): tf.Tensor4D {
  const [kh, kw, C, O] = wShape;
  const xT = tf.transpose(x, [3, 1, 2, 0]); // [C, H, W, B]: channels become the batch
  const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, B, O]: dy becomes the filter
  const out = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', stride); // [C, >=kh, >=kw, O]
  const cropped = tf.slice(out, [0, 0, 0, 0], [C, kh, kw, O]); // rows past kh come from a remainder of H
  return tf.transpose(cropped, [1, 2, 0, 3]); // [kh, kw, C, O]
}

/** Stride-1 'valid' depthwise conv. x: [B, H, W, C], w: [kh, kw, C, 1] -> [B, Ho, Wo, C]. */
export function depthwiseFastGrad(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, ww, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xx, ww]);
    return {
      value: tf.depthwiseConv2d(xx, ww, 1, 'valid'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const [B, H, W, C] = xs.shape;
        const [kh, kw] = ws.shape;
        const g = dy as tf.Tensor4D;
        const [, Ho, Wo] = g.shape;
        // dx: full correlation of dy with the spatially flipped filter.
        const dyPad = tf.pad(g, [[0, 0], [kh - 1, kh - 1], [kw - 1, kw - 1], [0, 0]]);
        const dx = tf.depthwiseConv2d(dyPad, tf.reverse(ws, [0, 1]) as tf.Tensor4D, 1, 'valid');
        // dW: every (batch, channel) pair as its own depthwise channel, then sum over batch.
        const xT = tf.reshape(tf.transpose(xs, [1, 2, 0, 3]), [1, H, W, B * C]);
        const dyT = tf.reshape(tf.transpose(g, [1, 2, 0, 3]), [Ho, Wo, B * C, 1]);
        const per = tf.reshape(tf.depthwiseConv2d(xT as tf.Tensor4D, dyT as tf.Tensor4D, 1, 'valid'), [kh, kw, B, C]);
        return [dx, tf.reshape(tf.sum(per, 2), [kh, kw, C, 1])];
      },
    };
  });
  return f(x, w) as tf.Tensor4D;
}
