import { describe, expect, it } from 'vitest';
import type { ImageSet } from '../../../src/core/image-set';
import { augmentBatch } from '../../../src/data/augment';
import { createRng } from '../../../src/data/data-rng';
import { selectClasses, stratifiedHoldout, stratifiedSubset } from '../../../src/data/subset';
import { countBy } from './helpers';

/** n images of 4x4x3 whose pixel value encodes (image, y, x). */
function toySet(n: number, numClasses: number): ImageSet {
  const pixels = new Uint8Array(n * 4 * 4 * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = i % 251;
  return {
    pixels,
    labels: Int32Array.from({ length: n }, (_, i) => i % numClasses),
    n,
    height: 4,
    width: 4,
    channels: 3,
    numClasses,
    classNames: ['a', 'b', 'c'].slice(0, numClasses),
  };
}

describe('augmentBatch', () => {
  const set = toySet(8, 2);
  it('is the identity without padding or flips', () => {
    expect(
      augmentBatch(set.pixels, 8, 4, 4, 3, { cropPadding: 0, flip: false }, createRng(1)),
    ).toEqual(set.pixels);
  });
  it('is seeded and changes images when enabled', () => {
    const a = augmentBatch(set.pixels, 8, 4, 4, 3, { cropPadding: 1, flip: true }, createRng(2));
    const b = augmentBatch(set.pixels, 8, 4, 4, 3, { cropPadding: 1, flip: true }, createRng(2));
    expect(a).toEqual(b);
    expect(a).not.toEqual(set.pixels);
  });
  it('flip alone mirrors rows exactly', () => {
    const out = augmentBatch(set.pixels, 8, 4, 4, 3, { cropPadding: 0, flip: true }, createRng(3));
    let flipped = 0;
    for (let i = 0; i < 8; i++) {
      const px = (img: Uint8Array, y: number, x: number, k: number): number =>
        img[((i * 4 + y) * 4 + x) * 3 + k] as number;
      const same = [0, 1, 2, 3].every((x) => px(out, 1, x, 0) === px(set.pixels, 1, x, 0));
      const mirror = [0, 1, 2, 3].every((x) => px(out, 1, x, 0) === px(set.pixels, 1, 3 - x, 0));
      expect(same || mirror).toBe(true);
      if (mirror) flipped++;
    }
    expect(flipped).toBeGreaterThan(0);
  });
});

describe('subsets', () => {
  const set = toySet(30, 3);
  it('selectClasses keeps and relabels in the given order', () => {
    const { set: s, kept } = selectClasses(set, [2, 0]);
    expect(s.numClasses).toBe(2);
    expect(s.classNames).toEqual(['c', 'a']);
    expect(countBy(s.labels, 2)).toEqual([10, 10]);
    expect(Array.from(kept).every((i) => set.labels[i] !== 1)).toBe(true);
  });
  it('stratifiedSubset takes N per class, nested across N', () => {
    const s3 = stratifiedSubset(set, 3, 7);
    const s5 = stratifiedSubset(set, 5, 7);
    expect(countBy(s3.labels, 3)).toEqual([3, 3, 3]);
    const rows = (s: ImageSet): Set<string> =>
      new Set(
        Array.from({ length: s.n }, (_, i) => s.pixels.subarray(i * 48, (i + 1) * 48).join(',')),
      );
    const big = rows(s5);
    for (const r of rows(s3)) expect(big.has(r)).toBe(true);
    expect(stratifiedSubset(set, Number.POSITIVE_INFINITY, 7)).toBe(set);
  });
  it('stratifiedHoldout splits every class', () => {
    const { rest, held } = stratifiedHoldout(set, 0.2, 1);
    expect(countBy(held.labels, 3)).toEqual([2, 2, 2]);
    expect(rest.n + held.n).toBe(30);
  });
});
