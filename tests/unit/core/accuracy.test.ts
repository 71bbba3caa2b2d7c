import { describe, expect, it } from 'vitest';
import { accuracyReport, argmaxRows } from '../../../src/core/metrics/accuracy';

describe('accuracy', () => {
  it('overall, per group, worst group and reweighted', () => {
    const pred = [0, 1, 1, 0, 1, 1];
    const labels = [0, 1, 0, 0, 1, 0];
    const groups = [0, 0, 1, 1, 2, 2];
    const r = accuracyReport(pred, labels, groups, 4, [0.5, 0.25, 0.25, 0]);
    expect(r.accuracy).toBeCloseTo(4 / 6);
    expect(r.perGroup?.slice(0, 3)).toEqual([1, 0.5, 0.5]);
    expect(Number.isNaN(r.perGroup?.[3])).toBe(true); // empty group
    expect(r.worstGroup).toBe(0.5);
    expect(r.reweighted).toBeCloseTo(0.5 * 1 + 0.25 * 0.5 + 0.25 * 0.5);
  });

  it('argmax per row', () => {
    expect(Array.from(argmaxRows([0.1, 0.9, 0.3, 5, -1, 2], 3))).toEqual([1, 0]);
  });
});
