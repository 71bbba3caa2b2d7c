/** Turning ImageSet rows into normalised input tensors. */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageSet } from '../image-set';

/** Per-channel normalisation applied to pixels / 255. */
export interface Normalize {
  mean: readonly number[];
  std: readonly number[];
}

export const DEFAULT_NORMALIZE: Normalize = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] };

/**
 * Gather rows `idx` of `set` into x: [B, H, W, C] float32, normalised, and y: [B] int32.
 * `pixels` may replace set.pixels for the gathered rows (augmented copies, [B, H, W, C]).
 */
export function makeBatch(
  set: ImageSet,
  idx: ArrayLike<number>,
  norm: Normalize,
  pixels?: Uint8Array,
): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const { height: H, width: W, channels: C } = set;
  const per = H * W * C;
  const B = idx.length;
  const xs = new Float32Array(B * per);
  const ys = new Int32Array(B);
  const scale = norm.mean.map((_, c) => 1 / (255 * (norm.std[c] as number)));
  const shift = norm.mean.map((m, c) => m / (norm.std[c] as number));
  for (let b = 0; b < B; b++) {
    const row = idx[b] as number;
    const src = pixels
      ? pixels.subarray(b * per, (b + 1) * per)
      : set.pixels.subarray(row * per, (row + 1) * per);
    for (let i = 0; i < per; i++) {
      const c = i % C;
      xs[b * per + i] = (src[i] as number) * (scale[c] as number) - (shift[c] as number);
    }
    ys[b] = set.labels[row] as number;
  }
  return { x: tf.tensor4d(xs, [B, H, W, C]), y: tf.tensor1d(ys, 'int32') };
}
