/** The first n images of a set (already in seeded shuffled order), sorted by label for the grid. */
import type { ImageSet } from '../core/image-set';
import type { SampleImages } from '../protocol/messages';

export function sampleImages(set: ImageSet, n: number): SampleImages {
  const per = set.height * set.width * set.channels;
  const idx = Array.from({ length: Math.min(n, set.n) }, (_, i) => i).sort((a, b) => (set.labels[a] as number) - (set.labels[b] as number) || a - b);
  const pixels = new Uint8Array(idx.length * per); // [n, 28, 28, 3]
  idx.forEach((i, k) => pixels.set(set.pixels.subarray(i * per, (i + 1) * per), k * per));
  return {
    n: idx.length,
    pixels: pixels.buffer,
    labels: idx.map((i) => set.labels[i] as number),
    classNames: [...(set.classNames ?? [])],
    ...(set.groups && set.groupNames ? { groups: idx.map((i) => set.groups?.[i] as number), groupNames: [...set.groupNames] } : {}),
  };
}
