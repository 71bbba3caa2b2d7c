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

/** 1, 1.2, 1.5, ... 10 times a power of ten: at most a fifth of the axis left blank. */
const NICE = [1, 1.2, 1.5, 1.8, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 10];
/** The least "nice" number at or above `v` (v > 10; smaller ones are kept as they are). */
export function niceCeil(v: number): number {
  if (!(v > 10)) return v;
  const p = 10 ** Math.floor(Math.log10(v));
  return (NICE.find((m) => m * p >= v - 1e-9) ?? 10) * p;
}

/**
 * Steps span `xs`, the end rounded up to a nice number (niceCeil); a single step gets one on
 * either side. Why the rounding: an axis whose domain moves makes recharts recompute every line
 * of the chart, and the end of a run's steps moved at each refresh (the accuracy chart's 16
 * lines: 50-65 ms of main thread a refresh); rounded, it moves a few times a run.
 */
export function stepDomain(xs: readonly number[]): [number, number] | null {
  const e = extent(xs);
  return e && e[0] === e[1] ? [e[0] - 1, e[1] + 1] : e && [e[0], niceCeil(e[1])];
}
