/**
 * Statistics over seeds, as the paper and docs/results.md report them: the mean and a two-sided
 * 90% Student-t interval, mean ± t(0.95, n-1) · sd / sqrt(n), and paired differences by seed
 * (method A minus method B on the same seed, so the seed-to-seed spread both share cancels).
 * Pure numbers in, numbers out; the page formats them (format.ts).
 */

/** t quantiles at 0.95 for 1..30 degrees of freedom (the same values as src/cli/experiment/stats.ts and reference.py). */
const T95 = [
  6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761,
  1.753, 1.746, 1.74, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701,
  1.699, 1.697,
] as const;

/**
 * The 0.95 quantile of Student's t with `df` degrees of freedom. Beyond the table, the first
 * Cornish-Fisher term, 1.645 + 1.524/df (within 0.001 of the exact value at 40, 60 and 120).
 */
export function t95(df: number): number {
  if (!Number.isInteger(df) || df < 1)
    throw new Error(`t95: degrees of freedom must be a positive integer, got ${df}`);
  return T95[df - 1] ?? 1.645 + 1.524 / df;
}

export interface MeanInterval {
  n: number;
  /** NaN when n = 0. */
  mean: number;
  /** Half-width of the 90% interval; null when n < 2 (one value gives no interval). */
  half: number | null;
}

export function meanInterval(xs: readonly number[]): MeanInterval {
  const n = xs.length;
  if (n === 0) return { n, mean: NaN, half: null };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, half: null };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { n, mean, half: (t95(n - 1) * sd) / Math.sqrt(n) };
}

/** Whether the interval contains 0 (no interval, n < 2: unknown, reported as true: nothing excludes 0). */
export function includesZero(iv: MeanInterval): boolean {
  if (iv.half === null) return true;
  return iv.mean - iv.half <= 0 && iv.mean + iv.half >= 0;
}

export interface PairedDifference extends MeanInterval {
  /** Seeds where the first method is strictly ahead (difference > 0). */
  ahead: number;
  /** Seeds on which both methods have a value, ascending: the n of the interval. */
  seeds: number[];
  /** Per seed, a - b, in the order of `seeds`. */
  diffs: number[];
  includesZero: boolean;
}

/** a - b on every seed both have (a seed missing from either is left out, not imputed). */
export function pairedDifference(
  a: ReadonlyMap<number, number>,
  b: ReadonlyMap<number, number>,
): PairedDifference {
  const seeds = [...a.keys()].filter((s) => b.has(s)).sort((x, y) => x - y);
  const diffs = seeds.map((s) => (a.get(s) as number) - (b.get(s) as number));
  const iv = meanInterval(diffs);
  return {
    ...iv,
    ahead: diffs.filter((d) => d > 0).length,
    seeds,
    diffs,
    includesZero: includesZero(iv),
  };
}
