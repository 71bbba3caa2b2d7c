/**
 * Tiny learnable image sets for engine tests: class k tints the image with its own colour
 * plus noise, so a few steps of training raise accuracy. Not a benchmark: real data lives
 * in src/data.
 */
import type { ImageSet, SplitSets } from '../../src/core/image-set';
import { Rng } from '../../src/core/rng';

export function tintedSet(
  n: number,
  size: number,
  numClasses: number,
  seed: number,
  numGroups = 0,
): ImageSet {
  const rng = new Rng(seed);
  const pixels = new Uint8Array(n * size * size * 3);
  const labels = new Int32Array(n);
  const groups = numGroups ? new Int32Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const k = i % numClasses;
    labels[i] = k;
    if (groups) groups[i] = (k + Math.floor(i / numClasses)) % numGroups;
    const base = [(k * 97) % 256, (k * 53 + 40) % 256, (k * 191 + 90) % 256];
    for (let p = 0; p < size * size; p++) {
      for (let c = 0; c < 3; c++) {
        pixels[(i * size * size + p) * 3 + c] = Math.max(
          0,
          Math.min(255, (base[c] as number) + Math.round(rng.normal() * 40)),
        );
      }
    }
  }
  return {
    pixels,
    labels,
    groups,
    n,
    height: size,
    width: size,
    channels: 3,
    numClasses,
    numGroups: numGroups || undefined,
  };
}

export function tintedSplits(size: number, numClasses: number, seed: number): SplitSets {
  return {
    train: tintedSet(32, size, numClasses, seed),
    idVal: tintedSet(16, size, numClasses, seed + 1, 2),
    ood: tintedSet(16, size, numClasses, seed + 2, 2),
  };
}
