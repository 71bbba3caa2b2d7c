/**
 * Axis helpers for the recharts charts (pure; unit-tested): data extents, the log axes' domain
 * and ticks (recharts' own ticks are linear-minded), and short tick labels.
 */

/** [min, max] of the finite values (and positive ones only when `positive`); null if none. */
export function extent(
  values: Iterable<number | null | undefined>,
  positive = false,
): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v) || (positive && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Decade ticks (1, 10, 100...); when the data span under 1.5 decades, 2x and 5x ticks too. */
export function logTicks(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const mult = Math.log10(hi / lo) < 1.5 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let k = a; k <= b; k++) for (const m of mult) out.push(Number((m * 10 ** k).toPrecision(6)));
  // From the last tick at or below lo to the first at or above hi.
  const from = Math.max(...out.filter((t) => t <= lo));
  const to = Math.min(...out.filter((t) => t >= hi));
  return out.filter((t) => t >= from && t <= to);
}

export interface LogAxis {
  domain: [number, number];
  ticks: number[];
}

/** A log axis over the positive values, widened to the enclosing ticks; null if none is positive. */
export function logAxis(values: Iterable<number | null | undefined>): LogAxis | null {
  const e = extent(values, true);
  if (!e) return null;
  const ticks = logTicks(e[0], e[1]);
  return { domain: [ticks[0] as number, ticks.at(-1) as number], ticks };
}

/** Short tick labels: 0.001 -> 1e-3, 12000 -> 12k, 0.25 -> 0.25. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (a < 1e-2) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}
