import { describe, expect, it } from 'vitest';
import type { FilterSnapshot } from '../../../src/core/train/events';
import {
  filterChange,
  filterGrid,
  filterScale,
} from '../../../src/ui/features/charts/filter-pixels';
import { methodColour, PALETTE } from '../../../src/ui/features/charts/palette';

/** HWIO [2, 2, 3, 2]: filter 0 is red where x = 0, filter 1 is all -1 (dark). */
function filters(scale = 1): FilterSnapshot {
  const [kh, kw, cin, cout] = [2, 2, 3, 2];
  const values = new Array<number>(kh * kw * cin * cout).fill(0);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let c = 0; c < cin; c++) {
        values[((y * kw + x) * cin + c) * cout + 0] = x === 0 && c === 0 ? scale : 0;
        values[((y * kw + x) * cin + c) * cout + 1] = -scale;
      }
  return { param: 'patch_embed.proj.weight', shape: [kh, kw, cin, cout], values };
}

describe('filter pictures', () => {
  it('tiles filters with 1 px gaps; zero is grey, the HWIO layout is read per output channel', () => {
    const f = filters();
    const img = filterGrid(f, filterScale(f), { cols: 2, zoom: 1 });
    expect([img.width, img.height]).toEqual([2 * 3 + 1, 3 + 1]);
    const px = (x: number, y: number): number[] =>
      Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3));
    expect(px(0, 0)).toEqual([200, 200, 200]); // gap
    expect(px(1, 1)).toEqual([255, 128, 128]); // filter 0, x = 0: red
    expect(px(2, 1)).toEqual([128, 128, 128]); // filter 0, x = 1: zero
    expect(px(4, 1)).toEqual([1, 1, 1]); // filter 1: all -1
  });

  it('a shared scale makes a grown filter brighter', () => {
    const f0 = filters(1);
    const f = filters(0.5);
    const img = filterGrid(f, filterScale(f0), { cols: 2, zoom: 1 });
    expect(img.data[(1 * img.width + 1) * 4]).toBe(192); // 128 + 127 * 0.5, rounded by the clamped array
  });

  it('per filter relative change', () => {
    const c = filterChange(filters(1), filters(2));
    expect(c[0]).toBeCloseTo(1);
    expect(c[1]).toBeCloseTo(1);
    expect(filterChange(filters(1), filters(1))).toEqual([0, 0]);
  });
});

describe('method colours', () => {
  it('a paper method keeps its colour whatever ran; others come after', () => {
    const known = ['sgd', 'adamw', 'sgd-freeze'];
    expect(methodColour('adamw', known, ['adamw'])).toBe(PALETTE[1]);
    expect(methodColour('mine', known, ['adamw', 'mine'])).toBe(PALETTE[3]);
  });
});
