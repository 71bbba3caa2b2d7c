import { permutation, type DataRng } from '../data-rng';

export interface SplitCounts {
  readonly idVal: number;
  readonly ood: number;
  /** Infinity = everything left after idVal and ood. */
  readonly train: number;
}

/**
 * Disjoint index lists into a pool of `n` images: a seeded permutation cut into idVal, then
 * ood, then train. Evaluation slices come first so changing the training size never changes
 * what a model is evaluated on, and smaller training sets are prefixes of larger ones.
 */
export function splitPool(
  n: number,
  counts: SplitCounts,
  rng: DataRng,
  what: string,
): { idVal: number[]; ood: number[]; train: number[] } {
  const need = counts.idVal + counts.ood;
  if (need > n)
    throw new Error(
      `${what}: needs ${need} evaluation images but only ${n} exist; lower valPerClass/oodPerClass`,
    );
  const p = Array.from(permutation(n, rng));
  const trainEnd = counts.train === Number.POSITIVE_INFINITY ? n : Math.min(n, need + counts.train);
  return {
    idVal: p.slice(0, counts.idVal),
    ood: p.slice(counts.idVal, need),
    train: p.slice(need, trainEnd),
  };
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder; exact sum). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map((r) => Math.floor(r));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] as number) + 1;
    left--;
  }
  return out;
}
