/**
 * A benchmark's own training augmentation as the training loop's `Augment` hook: gathers the
 * batch's rows out of the training pixels and crops/flips them as the benchmark allows.
 * Shared by the worker session and the experiment CLI, so both train on the same images.
 */
import type { Augment } from '../core/train/run';
import { augmentBatch } from './augment';
import type { BenchmarkData } from './benchmarks/types';

export function benchmarkAugmenter(data: BenchmarkData): Augment {
  const { height: h, width: w, channels: c } = data.sets.train;
  const per = h * w * c; // bytes per image, NHWC uint8
  const opts = { cropPadding: data.augment.cropPadding, flip: data.augment.flip };
  return (pixels, idx, rng) => {
    const rows = new Uint8Array(idx.length * per); // [B, H, W, C]
    for (let b = 0; b < idx.length; b++)
      rows.set(pixels.subarray((idx[b] as number) * per, ((idx[b] as number) + 1) * per), b * per);
    return augmentBatch(rows, idx.length, h, w, c, opts, rng);
  };
}
