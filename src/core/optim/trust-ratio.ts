/**
 * The layer-wise trust ratio of LARS and LAMB, as timm computes it, on the device: the norms
 * stay scalar tensors and tf.where picks 1 where a norm is zero (no readback, no sync).
 */
import * as tf from '@tensorflow/tfjs-core';

/** ratio where both norms are positive, else 1 (a fresh zero tensor or a zero update). */
export function guardedRatio(ratio: tf.Scalar, wNorm: tf.Scalar, uNorm: tf.Scalar): tf.Scalar {
  const one = tf.onesLike(ratio);
  return tf.where(tf.greater(wNorm, 0), tf.where(tf.greater(uNorm, 0), ratio, one), one);
}

/** The L2 norm of a whole tensor as a scalar tensor. */
export function l2(t: tf.Tensor): tf.Scalar {
  return tf.norm(t) as tf.Scalar;
}
