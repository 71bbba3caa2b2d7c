/**
 * Mean with a two-sided 90% confidence interval over seeds (Student's t), as the paper reports
 * its numbers: mean ± t(0.95, n-1) · sd / sqrt(n).
 */

// t quantiles at 0.95 for 1..10 degrees of freedom; beyond that the normal's 1.645 is close.
const T95 = [6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812];

export interface Interval {
  mean: number;
  /** Half-width of the 90% interval; NaN with fewer than two values. */
  half: number;
  n: number;
}

export function interval90(xs: readonly number[]): Interval {
  const n = xs.length;
  if (n === 0) return { mean: NaN, half: NaN, n };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, half: NaN, n };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const t = T95[n - 2] ?? 1.645;
  return { mean, half: (t * sd) / Math.sqrt(n), n };
}

/** "72.4 ± 1.3" in percent (accuracies in 0..1). */
export function pct(iv: Interval): string {
  if (Number.isNaN(iv.mean)) return '–';
  const m = (100 * iv.mean).toFixed(1);
  return Number.isNaN(iv.half) ? m : `${m} ± ${(100 * iv.half).toFixed(1)}`;
}
