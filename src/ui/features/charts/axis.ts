/**
 * Axis scales for the hand-drawn SVG charts (pure; unit-tested). A scale maps a data value to
 * a pixel coordinate and offers "nice" tick values. Log scales take positive values only.
 */

export interface Scale {
  (v: number): number;
  domain: [number, number];
  ticks: number[];
  log: boolean;
}

/** [min, max] of the finite values (and positive ones only when `positive`); null if none. */
export function extent(values: Iterable<number | null | undefined>, positive = false): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v) || (positive && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** A step of 1, 2 or 5 x 10^k giving about `count` intervals over `span` (d3's thresholds). */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

/** Ticks on multiples of a nice step, covering [lo, hi]; the domain is widened to them. */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
  const step = niceStep(hi - lo, count);
  const start = Math.floor(lo / step);
  const end = Math.ceil(hi / step);
  // Rounding to the step's precision keeps labels like 0.30000000000000004 out.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const out: number[] = [];
  for (let k = start; k <= end; k++) out.push(Number((k * step).toFixed(digits)));
  return out;
}

export function linearScale(domain: [number, number], range: [number, number], opts: { nice?: boolean; count?: number } = {}): Scale {
  const ticks = opts.nice === false ? [domain[0], domain[1]] : niceTicks(domain[0], domain[1], opts.count);
  const d: [number, number] = opts.nice === false ? domain : [Math.min(domain[0], ticks[0] as number), Math.max(domain[1], ticks.at(-1) as number)];
  const span = d[1] - d[0] || 1;
  const f = ((v: number) => range[0] + ((v - d[0]) / span) * (range[1] - range[0])) as Scale;
  f.domain = d;
  f.ticks = ticks.filter((t) => t >= d[0] && t <= d[1]);
  f.log = false;
  return f;
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

export function logScale(domain: [number, number], range: [number, number]): Scale {
  const ticks = logTicks(domain[0], domain[1]);
  // Widen to the enclosing ticks so every line sits inside labelled gridlines.
  const lo = Math.max(...ticks.filter((t) => t <= domain[0]));
  const hi = Math.min(...ticks.filter((t) => t >= domain[1]));
  const l0 = Math.log10(lo);
  const span = Math.log10(hi) - l0 || 1;
  const f = ((v: number) => range[0] + ((Math.log10(Math.max(v, lo * 1e-3)) - l0) / span) * (range[1] - range[0])) as Scale;
  f.domain = [lo, hi];
  f.ticks = ticks.filter((t) => t >= lo && t <= hi);
  f.log = true;
  return f;
}

/** Short tick labels: 0.001 -> 1e-3, 12000 -> 12k, 0.25 -> 0.25. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (a < 1e-2) return v.toExponential(0).replace('e-', 'e-');
  return String(Number(v.toPrecision(3)));
}
