/** The pool's plan: units seed-major, contiguous near-equal slices, slices grouped by seed into jobs. */
import { describe, expect, it } from 'vitest';
import { jobsOf, planJobs, planUnits, splitSlices } from '../../../../src/ui/pool/plan-jobs';

const M = ['sgd', 'adamw', 'sgd-freeze', 'sgd-plain'];

describe('planUnits', () => {
  it('is seed-major: every method of a seed, then the next seed', () => {
    expect(planUnits([3, 4], ['a', 'b'])).toEqual([
      { seed: 3, methodId: 'a' },
      { seed: 3, methodId: 'b' },
      { seed: 4, methodId: 'a' },
      { seed: 4, methodId: 'b' },
    ]);
  });
});

describe('splitSlices', () => {
  it('cuts contiguous slices whose lengths differ by at most one, the longer first', () => {
    expect(splitSlices([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([
      [1, 2, 3],
      [4, 5],
      [6, 7],
    ]);
    expect(splitSlices([1, 2], 4)).toEqual([[1], [2], [], []]);
    expect(splitSlices([], 2)).toEqual([[], []]);
  });

  it('keeps every item once, in order, for any count', () => {
    const items = Array.from({ length: 13 }, (_, i) => i);
    for (let n = 1; n <= 16; n++) {
      const s = splitSlices(items, n);
      expect(s).toHaveLength(n);
      expect(s.flat()).toEqual(items);
      const lens = s.map((x) => x.length);
      expect(Math.max(...lens) - Math.min(...lens)).toBeLessThanOrEqual(1);
    }
  });

  it('refuses a pool of no workers, naming the count', () => {
    expect(() => splitSlices([1], 0)).toThrow(/at least one worker, not 0/);
    expect(() => splitSlices([1], 1.5)).toThrow(/not 1.5/);
  });
});

describe('planJobs', () => {
  it('3 seeds x 4 methods on 2 workers: 6 runs each, worker 0 all of seed 0 and half of seed 1', () => {
    expect(planJobs(planUnits([0, 1, 2], M), 2)).toEqual([
      [
        { seed: 0, methods: M },
        { seed: 1, methods: ['sgd', 'adamw'] },
      ],
      [
        { seed: 1, methods: ['sgd-freeze', 'sgd-plain'] },
        { seed: 2, methods: M },
      ],
    ]);
  });

  it('3 seeds x 4 methods on 4 workers: one job of three runs each, at most two seeds per worker', () => {
    const plan = planJobs(planUnits([0, 1, 2], M), 4);
    expect(plan.map((jobs) => jobs.reduce((a, j) => a + j.methods.length, 0))).toEqual([
      3, 3, 3, 3,
    ]);
    expect(plan[1]).toEqual([
      { seed: 0, methods: ['sgd-plain'] },
      { seed: 1, methods: ['sgd', 'adamw'] },
    ]);
  });

  it('groups only consecutive units of one seed', () => {
    expect(
      jobsOf([
        { seed: 1, methodId: 'a' },
        { seed: 2, methodId: 'a' },
        { seed: 1, methodId: 'b' },
      ]),
    ).toEqual([
      { seed: 1, methods: ['a'] },
      { seed: 2, methods: ['a'] },
      { seed: 1, methods: ['b'] },
    ]);
  });
});
