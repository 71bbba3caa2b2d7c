/**
 * Convolutions with hand-written gradients for tfjs's CPU backend.
 *
 * Why: tfjs-backend-cpu's Conv2DBackpropFilter (and its depthwise twin) are scalar loops; one
 * micro-ResNet step at batch 8 spent 17 of 18 s there. The forward convolution kernel is
 * fast, and a filter gradient IS a convolution: dW[i, j, c, o] = sum_{b,h,w}
 * x[b, h*s + i, w*s + j, c] * dy[b, h, w, o], i.e. x (batch and channels swapped) convolved
 * with dy as the filter, dilated by the stride. Input gradients use the fast transposed conv.
 * GPU backends keep tfjs's native kernels (models/ops.ts chooses). On wasm the input gradient
 * runs by stride phase through the kernels of cpu-kernels/conv-phases.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FILTER_PHASES_KERNEL, INTERLEAVE_KERNEL } from '../cpu-kernels/conv-phases';
import { runKernels as run } from '../kernel-call';
import { served } from '../kernel-paths';

type Pad4 = [[number, number], [number, number], [number, number], [number, number]];
const pad4 = (top: number, bottom: number, left: number, right: number): Pad4 => [
  [0, 0],
  [top, bottom],
  [left, right],
  [0, 0],
];

/**
 * conv2d with PyTorch's symmetric zero padding `pad` (0: 'valid'), padded inside the kernel (no
 * PadV2 forward, no Slice backward). x: [B, H, W, Cin], w: [kh, kw, Cin, Cout] -> [B, Ho, Wo, Cout].
 * `inputGrad: false` skips the input's gradient (a zero tensor instead) where x is data that
 * nothing trains, such as a model's stem.
 */
export function conv2dFastGrad(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  stride: number,
  pad = 0,
  inputGrad = true,
): tf.Tensor4D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, ww, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xx, ww]);
    return {
      value: tf.conv2d(xx, ww, stride, pad4(pad, pad, pad, pad)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const g = dy as tf.Tensor4D;
        const dx = inputGrad ? conv2dInputGrad(g, ws, xs.shape, stride, pad) : tf.zerosLike(xs);
        return [dx, conv2dFilterGrad(xs, g, ws.shape, stride, pad)];
      },
    };
  });
  return f(x, w) as tf.Tensor4D;
}

/**
 * dx of a padded, strided conv as FORWARD convolutions (tfjs-backend-wasm's Conv2DBackpropInput
 * is a scalar loop, its Conv2D is XNNPACK; on tfjs's CPU backend both are loops and the
 * transposed conv is the better one, so it keeps that kernel). Stride 1: the full correlation
 * of dy with the filter flipped in space and its channels swapped. Stride s > 1: split by
 * phase, so no multiply meets a zero of a dilated dy: the rows h = s u + a of the padded input
 * take the filter taps i = a + s t only, dxpad[s u + a, s v + b] = sum_{t,t'} dy[u - t, v - t'] .
 * w[a + s t, b + s t'], one small correlation per phase (a, b); a JS kernel interleaves the
 * phases and crops the padding (cpu-kernels/conv-phases.ts, registered for wasm only: where tfjs's
 * registry has it for the active backend, this path serves).
 */
function conv2dInputGrad(
  dy: tf.Tensor4D,
  w: tf.Tensor4D,
  xShape: [number, number, number, number],
  stride: number,
  pad: number,
): tf.Tensor4D {
  const [, H, W] = xShape;
  const [kh, kw] = w.shape;
  const [, Ho, Wo] = dy.shape;
  if (!served('phaseConvInputGrad') || pad > kh - 1 || pad > kw - 1) {
    return tf.conv2dTranspose(dy, w, xShape, stride, pad4(pad, pad, pad, pad));
  }
  const phases = run(FILTER_PHASES_KERNEL, { w }, { stride }) as tf.Tensor4D[];
  if (stride === 1)
    return tf.conv2d(
      dy,
      phases[0] as tf.Tensor4D,
      1,
      pad4(kh - 1 - pad, H + pad - Ho, kw - 1 - pad, W + pad - Wo),
    );
  // Each phase's rows u = 0 .. U-1 of the padded input (U s >= H + 2 pad).
  const U = Math.ceil((H + 2 * pad) / stride);
  const V = Math.ceil((W + 2 * pad) / stride);
  const parts = phases.map((f) =>
    tf.conv2d(dy, f, 1, pad4(f.shape[0] - 1, U - Ho, f.shape[1] - 1, V - Wo)),
  );
  return run(INTERLEAVE_KERNEL, Object.fromEntries(parts.map((t, i) => [`p${i}`, t])), {
    stride,
    pad,
    kh,
    kw,
    H,
    W,
  })[0] as tf.Tensor4D;
}

/**
 * dW[i, j, c, o] = sum_{b,h,w} xpad[b, h*s + i, w*s + j, c] * dy[b, h, w, o]: x with batch and
 * channels swapped, correlated with dy as the filter dilated by the stride, zero padding in
 * the kernel. Rows of x past the last window (a remainder of H) are padded off where they can be.
 */
function conv2dFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  wShape: [number, number, number, number],
  stride: number,
  pad: number,
): tf.Tensor4D {
  const [kh, kw, C, O] = wShape;
  const [, H, W] = x.shape;
  const [, Ho, Wo] = dy.shape;
  const remH = H + 2 * pad - ((Ho - 1) * stride + kh); // >= 0: rows no window reaches
  const remW = W + 2 * pad - ((Wo - 1) * stride + kw);
  const bottom = Math.max(pad - remH, 0);
  const right = Math.max(pad - remW, 0);
  const xT = tf.transpose(x, [3, 1, 2, 0]); // [C, H, W, B]: channels become the batch
  const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, B, O]: dy becomes the filter
  let out = tf.conv2d(xT, dyT, 1, pad4(pad, bottom, pad, right), 'NHWC', stride); // [C, >=kh, >=kw, O]
  if (out.shape[1] !== kh || out.shape[2] !== kw) out = tf.slice(out, [0, 0, 0, 0], [C, kh, kw, O]);
  return tf.transpose(out, [1, 2, 0, 3]); // [kh, kw, C, O]
}

/**
 * Stride-1 depthwise conv with symmetric zero padding `pad` inside the kernel (no PadV2 forward,
 * no Slice backward, and dx computed over x alone: a correlation over the padded input's
 * gradient did up to 9x the work on the ConvNeXt's 3 x 3 maps). x: [B, H, W, C],
 * w: [kh, kw, C, 1] -> [B, H + 2 pad - kh + 1, .., C].
 */
export function depthwiseFastGrad(x: tf.Tensor4D, w: tf.Tensor4D, pad = 0): tf.Tensor4D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, ww, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xx, ww]);
    return {
      value: tf.depthwiseConv2d(xx, ww, 1, pad4(pad, pad, pad, pad)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const [B, H, W, C] = xs.shape;
        const [kh, kw] = ws.shape;
        const g = dy as tf.Tensor4D;
        const [, Ho, Wo] = g.shape;
        // dx: the correlation of dy with the spatially flipped filter, padded to x's size.
        const [ph, pw] = [kh - 1 - pad, kw - 1 - pad];
        const flipped = tf.reverse(ws, [0, 1]) as tf.Tensor4D;
        const dx = tf.depthwiseConv2d(g, flipped, 1, pad4(ph, ph, pw, pw)); // stride 1: Ho = H + 2 pad - kh + 1
        // dW: every (batch, channel) pair as its own depthwise channel (x padded as forward), then sum over batch.
        const xT = tf.reshape(tf.transpose(xs, [1, 2, 0, 3]), [1, H, W, B * C]);
        const dyT = tf.reshape(tf.transpose(g, [1, 2, 0, 3]), [Ho, Wo, B * C, 1]);
        const per = tf.reshape(
          tf.depthwiseConv2d(xT as tf.Tensor4D, dyT as tf.Tensor4D, 1, pad4(pad, pad, pad, pad)),
          [kh, kw, B, C],
        );
        return [dx, tf.reshape(tf.sum(per, 2), [kh, kw, C, 1])];
      },
    };
  });
  return f(x, w) as tf.Tensor4D;
}
