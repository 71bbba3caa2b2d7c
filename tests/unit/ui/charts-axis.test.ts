import { describe, expect, it } from 'vitest';
import { extent, formatTick, logAxis, logTicks } from '../../../src/ui/features/charts/axis';
import { perArray, sameItems, sameRows } from '../../../src/ui/features/charts/stable';
import { finitePoints, lttb, type Point } from '../../../src/ui/features/charts/decimate';

describe('chart axes', () => {
  it('extent skips non-finite values, and non-positive ones for log axes', () => {
    expect(extent([3, null, NaN, -1, Infinity, 2])).toEqual([-1, 3]);
    expect(extent([0, -2, 0.5, 4], true)).toEqual([0.5, 4]);
    expect(extent([null, undefined])).toBeNull();
  });

  it('log ticks are decades, with 2x and 5x when the range is narrow', () => {
    expect(logTicks(0.02, 300)).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
    expect(logTicks(0.3, 4)).toEqual([0.2, 0.5, 1, 2, 5]);
  });

  it('a log axis spans the positive values, widened to the enclosing ticks', () => {
    expect(logAxis([0.02, 0, -1, null, 300])).toEqual({
      domain: [0.01, 1000],
      ticks: [0.01, 0.1, 1, 10, 100, 1000],
    });
    expect(logAxis([0.3, 4])).toEqual({ domain: [0.2, 5], ticks: [0.2, 0.5, 1, 2, 5] });
    expect(logAxis([0, null])).toBeNull();
  });

  it('tick labels are short', () => {
    expect(formatTick(0.001)).toBe('1e-3');
    expect(formatTick(12000)).toBe('12k');
    expect(formatTick(0.25)).toBe('0.25');
    expect(formatTick(0)).toBe('0');
  });
});

describe('keeping chart inputs the same objects', () => {
  it('perArray computes once per source array and kind', () => {
    const a: number[] = [1, 2];
    let calls = 0;
    const f = (): number => ++calls;
    expect(perArray(a, 'k', f)).toBe(1);
    expect(perArray(a, 'k', f)).toBe(1);
    expect(perArray(a, 'other', f)).toBe(2);
    expect(perArray([1, 2], 'k', f)).toBe(3); // a new array: computed again
  });

  it('rows and items compare by value and by identity', () => {
    expect(sameRows([{ layer: 'a', sgd: 1 }], [{ layer: 'a', sgd: 1 }])).toBe(true);
    expect(sameRows([{ layer: 'a', sgd: 1 }], [{ layer: 'a', sgd: 2 }])).toBe(false);
    expect(sameRows([{ layer: 'a' }], [{ layer: 'a', sgd: null }])).toBe(false);
    const x = { k: 1 };
    expect(sameItems([x], [x])).toBe(true);
    expect(sameItems([x], [{ k: 1 }])).toBe(false);
  });
});

describe('decimation (LTTB)', () => {
  const wave = (n: number): Point[] =>
    Array.from({ length: n }, (_, i) => [i, Math.sin(i / 10) + (i === 537 ? 5 : 0)] as const);

  it('keeps short lines as they are', () => {
    const pts = wave(150);
    expect(lttb(pts, 200)).toEqual(pts);
  });

  it('caps long lines, keeps the first and last points and a lone spike', () => {
    const pts = wave(5000);
    const d = lttb(pts, 200);
    expect(d).toHaveLength(200);
    expect(d[0]).toEqual(pts[0]);
    expect(d.at(-1)).toEqual(pts.at(-1));
    expect(d.some(([x]) => x === 537)).toBe(true); // a stride of 25 would step over it
    for (let i = 1; i < d.length; i++)
      expect((d[i] as Point)[0]).toBeGreaterThan((d[i - 1] as Point)[0]);
  });

  it('finite points drop nulls (gaps) and non-positive values for log axes', () => {
    expect(finitePoints([1, 2, 3, 4], [1, null, 0, NaN])).toEqual([
      [1, 1],
      [3, 0],
    ]);
    expect(finitePoints([1, 2, 3], [1, 0, -1], true)).toEqual([[1, 1]]);
  });
});
