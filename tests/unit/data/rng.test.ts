import { describe, expect, it } from 'vitest';
import { childRng, createRng, deriveSeed, permutation } from '../../../src/data/data-rng';

describe('rng', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('pins the first draws (reference mulberry32 values) so a change of generator cannot go unnoticed', () => {
    const r = createRng(1);
    expect([r.next(), r.next()].map((x) => x.toFixed(8))).toEqual(['0.62707394', '0.00273572']);
  });

  it('derives independent seeds per label', () => {
    expect(deriveSeed(7, 'train')).not.toBe(deriveSeed(7, 'ood'));
    expect(deriveSeed(7, 'train')).toBe(deriveSeed(7, 'train'));
    expect(childRng(7, 'a').next()).not.toBe(childRng(8, 'a').next());
  });

  it('normal() has mean ~0 and variance ~1, bounded', () => {
    const r = createRng(3);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    expect(Math.max(...xs.map(Math.abs))).toBeLessThanOrEqual(2 * Math.sqrt(3));
  });

  it('permutation is a permutation', () => {
    const p = permutation(100, createRng(5));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
