/**
 * Reading optimizer state tensors back to the host in ONE async readback (they are flattened
 * and concatenated on the device first); ModelInstance.readAll reads weights through it: per-tensor
 * readbacks are several times slower on a GPU, and dataSync is never used (design.md).
 */
import * as tf from '@tensorflow/tfjs-core';

export async function readTensors(tensors: readonly tf.Tensor[]): Promise<Float32Array[]> {
  if (tensors.length === 0) return [];
  const flat = tf.tidy(() => tf.concat(tensors.map((t) => tf.reshape(t, [-1]))));
  let data: Float32Array;
  try {
    data = (await flat.data()) as Float32Array;
  } finally {
    flat.dispose();
  }
  let at = 0;
  return tensors.map((t) => {
    const part = data.slice(at, at + t.size);
    at += t.size;
    return part;
  });
}

/** A host array as a state variable of the given shape (not trainable). */
export function stateVariable(values: Float32Array, shape: readonly number[]): tf.Variable {
  return tf.tidy(() => tf.variable(tf.tensor(values, [...shape], 'float32'), false));
}
