/**
 * The family scatter's data (pure; unit-tested): the recorded rows (reference/family-data.ts)
 * as points on "embedding-gradient ratio at the start" (raw L2, log axis) against "AdamW's OOD
 * lead over SGD" (points), each measured one with its 90% interval as error-bar offsets. A row
 * whose gap was not measured is a point on the ratio axis only (drawn at the bottom of the plot,
 * said "gap not measured"), never a gap of 0. The paper's three models are marked for scale.
 */
import type { FamilyCorrelation, FamilyRow } from '../../reference/family-data';
import { PAPER_MODELS } from '../../reference/paper-models';
import { extent } from './axis';

export interface ScatterPoint {
  name: string;
  /** Raw L2 ratio, first layer / largest middle layer. */
  x: number;
  /** AdamW - SGD OOD in points; for an unmeasured row, the bottom of the plot (where it is drawn). */
  y: number;
  /** [below, above] the mean to the 90% interval's ends (recharts' ErrorBar); [0, 0] without one. */
  err: [number, number];
  /** Seeds behind the gap; 0 when not measured. */
  n: number;
  measured: boolean;
  /** A family member's declared design and what it varies; the paper's model's name. */
  about: string;
  lo: number | null;
  hi: number | null;
  /** A label drawn beside the point (the paper's models, your run). */
  tag?: string;
}

/** The live run's own point: its measured ratio and pooled AdamW - SGD OOD (interval when n >= 2). */
export interface YourRun {
  ratio: number;
  gap: number;
  lo: number | null;
  hi: number | null;
  n: number;
}

export interface FamilyPlot {
  measured: ScatterPoint[];
  /** On the ratio axis only: gap not measured. */
  unmeasured: ScatterPoint[];
  paper: ScatterPoint[];
  /** The live run's checkpoint, if it is in the family (one of the points above). */
  live: ScatterPoint | null;
  you: ScatterPoint | null;
  x: { domain: [number, number]; ticks: number[] };
  y: { domain: [number, number]; ticks: number[] };
}

const KIND_WORDS: Record<string, string> = {
  shipped: 'a shipped checkpoint',
  control: 'a control, not a family member',
};
const aboutOf = (r: FamilyRow): string =>
  r.design ? `${r.design}: ${r.lever ?? ''}`.replace(/: $/, '') : (KIND_WORDS[r.kind] ?? r.kind);

/** Decades and threes (0.1, 0.3, 1, 3, 10): the paper's 3.1 and 0.27 read off the axis. */
export function ratioAxis(xs: readonly number[]): { domain: [number, number]; ticks: number[] } {
  const e = extent(xs, true) ?? [1, 1];
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(e[0])); k <= Math.ceil(Math.log10(e[1])); k++)
    for (const m of [1, 3]) ticks.push(Number((m * 10 ** k).toPrecision(6)));
  const from = Math.max(...ticks.filter((t) => t <= e[0]));
  const to = Math.min(...ticks.filter((t) => t >= e[1]));
  const kept = ticks.filter((t) => t >= from && t <= to);
  return { domain: [from, to], ticks: kept };
}

/** A linear axis over every value and 0, on round steps of 5 or 10 points (20 past 100), with room at the bottom. */
export function gapAxis(ys: readonly number[]): { domain: [number, number]; ticks: number[] } {
  const e = extent([...ys, 0]) ?? [0, 0];
  const span = e[1] - e[0];
  const step = span > 100 ? 20 : span > 40 ? 10 : 5;
  // Half a step at least below the lowest value: the unmeasured rows sit on that bottom line, apart from any interval.
  const lo = Math.floor((e[0] - step / 2) / step) * step;
  const hi = Math.ceil(e[1] / step) * step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + 1e-9; t += step) ticks.push(Number(t.toPrecision(6)));
  return { domain: [lo, hi], ticks };
}

function rowPoint(r: FamilyRow, bottom: number): ScatterPoint {
  const g = r.gaps?.adamwMinusSgd;
  if (!g)
    return {
      name: r.name,
      x: r.ratio.raw,
      y: bottom,
      err: [0, 0],
      n: 0,
      measured: false,
      about: aboutOf(r),
      lo: null,
      hi: null,
    };
  return {
    name: r.name,
    x: r.ratio.raw,
    y: g.mean,
    err: [g.mean - g.lo, g.hi - g.mean],
    n: g.n,
    measured: true,
    about: aboutOf(r),
    lo: g.lo,
    hi: g.hi,
  };
}

/** Rows -> the scatter's series and axes; `liveName` the live run's weights, `you` its own point once finished. */
export function familyPlot(
  rows: readonly FamilyRow[],
  liveName: string | null,
  you: YourRun | null,
): FamilyPlot {
  const paperRaw = PAPER_MODELS.map((m) => ({
    name: `${m.name} (the paper’s, full scale)`,
    tag: `paper: ${m.name}`,
    x: m.ratio,
    y: m.gap,
  }));
  const ys = [
    ...rows.flatMap((r) => (r.gaps ? [r.gaps.adamwMinusSgd.lo, r.gaps.adamwMinusSgd.hi] : [])),
    ...paperRaw.map((p) => p.y),
    // Your run's mean, not its interval: a class's 2-3 seeds can give ±80 points, which would
    // flatten every checkpoint's interval; the bar is clipped at the edge and the tooltip gives both ends.
    ...(you ? [you.gap] : []),
  ];
  const y = gapAxis(ys);
  const x = ratioAxis([
    ...rows.map((r) => r.ratio.raw),
    ...paperRaw.map((p) => p.x),
    ...(you ? [you.ratio] : []),
  ]);
  const points = rows.map((r) => rowPoint(r, y.domain[0]));
  const paper = paperRaw.map((p) => ({
    ...p,
    err: [0, 0] as [number, number],
    n: 0,
    measured: true,
    about: "the paper's model, at full scale: AdamW - SGD OOD, mean of five benchmarks",
    lo: null,
    hi: null,
  }));
  const yourPoint: ScatterPoint | null = you
    ? {
        name: 'your run',
        x: you.ratio,
        y: you.gap,
        err: you.lo !== null && you.hi !== null ? [you.gap - you.lo, you.hi - you.gap] : [0, 0],
        n: you.n,
        measured: true,
        about: 'this page’s run: its ratio at the first step, its AdamW - SGD OOD over its seeds',
        lo: you.lo,
        hi: you.hi,
        tag: 'your run',
      }
    : null;
  return {
    measured: points.filter((p) => p.measured),
    unmeasured: points.filter((p) => !p.measured),
    paper,
    live: points.find((p) => p.name === liveName) ?? null,
    you: yourPoint,
    x,
    y,
  };
}

const f2 = (v: number): string => v.toFixed(2).replace('-', '−');

/** The correlation in words that claim no more than its interval: a trend only where the interval excludes 0. */
export function correlationSentence(c: FamilyCorrelation): string {
  const head = `Spearman’s ρ between the ratio and AdamW’s lead: ${f2(c.rho)} (90% interval ${f2(c.ci90[0])} to ${f2(c.ci90[1])}, n = ${c.n} checkpoints).`;
  if (c.ci90[0] > 0)
    return `${head} The interval excludes 0: over this family, a larger ratio goes with a larger AdamW lead, as the paper argues.`;
  if (c.ci90[1] < 0)
    return `${head} The interval excludes 0, on the other side: over this family, a larger ratio goes with a smaller AdamW lead, against the paper’s reading.`;
  return `${head} The interval includes 0: these checkpoints do not settle whether a larger ratio goes with a larger AdamW lead.`;
}
