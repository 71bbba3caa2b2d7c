import { describe, expect, it } from 'vitest';
import type { ImageSet } from '../../../src/core/image-set';
import { sampleImages } from '../../../src/worker/sample-images';

describe('sample images for the ID/OOD grid', () => {
  it('takes the first n of the seeded order, sorted by label, with their pixels, classes and groups', () => {
    const n = 5;
    const per = 28 * 28 * 3;
    const pixels = new Uint8Array(n * per);
    for (let i = 0; i < n; i++) pixels.fill(i + 10, i * per, (i + 1) * per);
    const set: ImageSet = {
      pixels,
      labels: Int32Array.from([2, 0, 1, 0, 2]),
      n,
      height: 28,
      width: 28,
      channels: 3,
      numClasses: 3,
      classNames: ['a', 'b', 'c'],
      groups: Int32Array.from([0, 1, 0, 1, 0]),
      numGroups: 2,
      groupNames: ['land', 'water'],
    };
    const s = sampleImages(set, 4);
    expect(s.n).toBe(4);
    expect(s.labels).toEqual([0, 0, 1, 2]);
    expect(s.groups).toEqual([1, 1, 0, 0]);
    expect(s.classNames).toEqual(['a', 'b', 'c']);
    expect(s.groupNames).toEqual(['land', 'water']);
    // RGBA, ready for the page's canvas: the RGB of each image and an opaque alpha.
    const out = new Uint8Array(s.pixels);
    const rgba = 28 * 28 * 4;
    expect(out.length).toBe(4 * rgba);
    expect([0, 1, 2, 3].map((k) => out[k * rgba])).toEqual([11, 13, 12, 10]);
    expect([0, 1, 2, 3].map((k) => out[k * rgba + 3])).toEqual([255, 255, 255, 255]);
  });
});
