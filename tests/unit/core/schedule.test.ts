import { describe, expect, it } from 'vitest';
import { lrAt } from '../../../src/core/optim/schedule';

describe('learning-rate schedules', () => {
  it('constant', () => expect(lrAt({ kind: 'constant' }, 0.1, 57, 100)).toBe(0.1));

  it('cosine starts at the base rate, halves at the middle, ends at 0 (torch CosineAnnealingLR)', () => {
    const s = { kind: 'cosine' } as const;
    expect(lrAt(s, 0.1, 0, 100)).toBeCloseTo(0.1, 12);
    expect(lrAt(s, 0.1, 50, 100)).toBeCloseTo(0.05, 12);
    expect(lrAt(s, 0.1, 100, 100)).toBeCloseTo(0, 12);
  });

  it('warm-up rises linearly, then follows cosine', () => {
    const s = { kind: 'warmup-cosine', warmupSteps: 4 } as const;
    expect([0, 1, 2, 3].map((t) => lrAt(s, 1, t, 20))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(lrAt(s, 1, 4, 20)).toBeCloseTo(1, 12);
    expect(lrAt(s, 1, 12, 20)).toBeCloseTo(0.5, 12);
  });
});
