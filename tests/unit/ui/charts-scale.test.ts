import { describe, expect, it } from 'vitest';
import { extent, formatTick, linearScale, logScale, logTicks, niceTicks } from '../../../src/ui/features/charts/scale';
import { finitePoints, lttb, type Point } from '../../../src/ui/features/charts/decimate';

describe('chart scales', () => {
  it('extent skips non-finite values, and non-positive ones for log axes', () => {
    expect(extent([3, null, NaN, -1, Infinity, 2])).toEqual([-1, 3]);
    expect(extent([0, -2, 0.5, 4], true)).toEqual([0.5, 4]);
    expect(extent([null, undefined])).toBeNull();
  });

  it('nice ticks are round numbers covering the range', () => {
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.13, 2.9, 4)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
    expect(niceTicks(0, 1000, 4)).toEqual([0, 200, 400, 600, 800, 1000]);
    const t = niceTicks(5, 5);
    expect(t[0]).toBeLessThan(5);
    expect(t.at(-1)).toBeGreaterThan(5);
  });

  it('a linear scale maps the widened domain onto the range', () => {
    const s = linearScale([0.13, 2.9], [200, 0]);
    expect(s.domain).toEqual([0, 3]);
    expect(s(0)).toBe(200);
    expect(s(3)).toBe(0);
    expect(s(1.5)).toBe(100);
    expect(s.ticks).toContain(1.5);
  });

  it('log ticks are decades, with 2x and 5x when the range is narrow', () => {
    expect(logTicks(0.02, 300)).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
    expect(logTicks(0.3, 4)).toEqual([0.2, 0.5, 1, 2, 5]);
  });

  it('a log scale puts each decade the same distance apart', () => {
    const s = logScale([0.02, 300], [0, 500]);
    expect(s.domain).toEqual([0.01, 1000]);
    expect(s(0.1) - s(0.01)).toBeCloseTo(s(1000) - s(100));
    expect(s(1)).toBeCloseTo(200);
  });

  it('tick labels are short', () => {
    expect(formatTick(0.001)).toBe('1e-3');
    expect(formatTick(12000)).toBe('12k');
    expect(formatTick(0.25)).toBe('0.25');
    expect(formatTick(0)).toBe('0');
  });
});

describe('decimation (LTTB)', () => {
  const wave = (n: number): Point[] => Array.from({ length: n }, (_, i) => [i, Math.sin(i / 10) + (i === 537 ? 5 : 0)] as const);

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
    for (let i = 1; i < d.length; i++) expect((d[i] as Point)[0]).toBeGreaterThan((d[i - 1] as Point)[0]);
  });

  it('finite points drop nulls (gaps) and non-positive values for log axes', () => {
    expect(finitePoints([1, 2, 3, 4], [1, null, 0, NaN])).toEqual([
      [1, 1],
      [3, 0],
    ]);
    expect(finitePoints([1, 2, 3], [1, 0, -1], true)).toEqual([[1, 1]]);
  });
});
