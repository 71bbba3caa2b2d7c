import { describe, expect, it } from 'vitest';
import { includesZero, meanInterval, pairedDifference, t95 } from '../../../src/ui/seeds/stats';

describe('90% Student-t interval', () => {
  it('t quantiles: the table for small df, Cornish-Fisher beyond 30, refused for df < 1', () => {
    expect(t95(1)).toBe(6.314);
    expect(t95(2)).toBe(2.92);
    expect(t95(9)).toBe(1.833);
    expect(t95(30)).toBe(1.697);
    // Exact: 1.684 (40), 1.671 (60), 1.658 (120).
    expect(t95(40)).toBeCloseTo(1.684, 2);
    expect(t95(60)).toBeCloseTo(1.671, 2);
    expect(t95(120)).toBeCloseTo(1.658, 2);
    expect(() => t95(0)).toThrow(/positive integer/);
    expect(() => t95(1.5)).toThrow(/positive integer/);
  });

  it('against hand-computed values', () => {
    // [1,2,3,4]: mean 2.5, sd sqrt(5/3) = 1.290994, half = 2.353 * 1.290994 / 2 = 1.518855.
    const a = meanInterval([1, 2, 3, 4]);
    expect(a.n).toBe(4);
    expect(a.mean).toBe(2.5);
    expect(a.half).toBeCloseTo(1.518855, 5);
    // [0.8, 0.9]: sd 0.0707107, half = 6.314 * 0.0707107 / sqrt(2) = 0.3157.
    expect(meanInterval([0.8, 0.9]).half).toBeCloseTo(0.3157, 6);
    // Equal values: no spread, a zero-width interval.
    expect(meanInterval([0.5, 0.5, 0.5])).toEqual({ n: 3, mean: 0.5, half: 0 });
  });

  it('one value gives a mean and no interval; none gives neither', () => {
    expect(meanInterval([0.7])).toEqual({ n: 1, mean: 0.7, half: null });
    const none = meanInterval([]);
    expect(none.n).toBe(0);
    expect(none.mean).toBeNaN();
    expect(none.half).toBeNull();
    // Without an interval nothing excludes 0.
    expect(includesZero(meanInterval([5]))).toBe(true);
    expect(includesZero({ n: 3, mean: 1, half: 0.5 })).toBe(false);
    expect(includesZero({ n: 3, mean: 1, half: 1 })).toBe(true);
    expect(includesZero({ n: 3, mean: -1, half: 0.9 })).toBe(false);
  });
});

describe('paired differences by seed', () => {
  it('a − b on the seeds both have, with interval, ahead-count and the zero test (hand-computed)', () => {
    const a = new Map([
      [1, 0.9],
      [2, 0.8],
      [3, 0.85],
    ]);
    const b = new Map([
      [3, 0.8],
      [1, 0.8],
      [2, 0.82],
      [4, 0.7],
    ]);
    const d = pairedDifference(a, b);
    expect(d.seeds).toEqual([1, 2, 3]);
    expect(d.diffs.map((x) => Number(x.toFixed(6)))).toEqual([0.1, -0.02, 0.05]);
    // mean 0.043333; sd sqrt(0.00726667 / 2) = 0.0602771; half = 2.92 * 0.0602771 / sqrt(3) = 0.101618.
    expect(d.mean).toBeCloseTo(0.0433333, 6);
    expect(d.half).toBeCloseTo(0.101618, 5);
    expect(d.ahead).toBe(2);
    expect(d.n).toBe(3);
    expect(d.includesZero).toBe(true);
  });

  it('a lead on every seed, beyond the spread, excludes 0; a tie is not "ahead"', () => {
    const d = pairedDifference(
      new Map([
        [0, 0.9],
        [1, 0.91],
        [2, 0.8],
      ]),
      new Map([
        [0, 0.85],
        [1, 0.85],
        [2, 0.8],
      ]),
    );
    expect(d.ahead).toBe(2);
    const e = pairedDifference(
      new Map([
        [0, 0.9],
        [1, 0.92],
        [2, 0.94],
      ]),
      new Map([
        [0, 0.8],
        [1, 0.81],
        [2, 0.82],
      ]),
    );
    // diffs 0.10, 0.11, 0.12: mean 0.11, sd 0.01, half 2.92 * 0.01 / sqrt(3) = 0.016859.
    expect(e.mean).toBeCloseTo(0.11, 9);
    expect(e.half).toBeCloseTo(0.016859, 5);
    expect(e.includesZero).toBe(false);
    expect(e.ahead).toBe(3);
  });

  it('no common seed: n = 0', () => {
    const d = pairedDifference(new Map([[1, 0.5]]), new Map([[2, 0.5]]));
    expect(d.n).toBe(0);
    expect(d.seeds).toEqual([]);
    expect(d.includesZero).toBe(true);
  });
});
