/**
 * A recharts line chart over steps, one <Line> per series with its own (decimated) points:
 * lines of different methods need not share steps, and no merged rows are built. No animation,
 * no dots on long lines, fixed size, no tooltip: each refresh is one cheap render (see
 * charts-panel.tsx for the measurements).
 */
import { memo, useMemo, type ReactElement } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { formatTick, logAxis, stepDomain } from './axis';
import { CHART_HEIGHT, CHART_WIDTH, yTitle } from './chart-layout';
import type { Point } from './decimate';
import { EmptyOverlay } from './no-data';
import { useSame } from './stable';
import type { RatioMark } from '../../reference/paper-models';

export interface LineSpec {
  key: string;
  name: string;
  colour: string;
  dashed?: boolean;
  /** Dotted (the gradient chart's new head); wins over `dashed`. */
  dotted?: boolean;
  /** Thin and pale, no dots: one of the other seeds, drawn behind the first seed's lines. */
  faint?: boolean;
  points: readonly LinePoint[];
}

/** [step, value]; a null value is a gap in the line (line-specs.ts joinedSpec: between seeds). */
export type LinePoint = Point | readonly [number, null];

export interface LineChartProps {
  lines: readonly LineSpec[];
  /** Accessible name of the picture (the figure caption says it too). */
  label: string;
  log?: boolean;
  /** Fixed y range (accuracy: [0, 1]). */
  yDomain?: [number, number];
  /** A dotted horizontal reference line (e.g. ratio = 1). */
  refY?: number;
  /** Labelled horizontal lines (the paper's ratios), inside the y range; the same array each render. */
  marks?: readonly RatioMark[];
  yLabel?: string;
  /** Dots on lines of at most this many points (evaluations are few and far apart). */
  markersUpTo?: number;
  /** The x axis's title when it is not the step (the recorded experiment: 'epoch'). */
  xLabel?: string;
}

// Module-level accessors and settings: the same objects every render.
const X = (p: LinePoint): number => p[0];
const Y = (p: LinePoint): number | null => p[1];
const MARGIN = { top: 8, right: 12, bottom: 14, left: 14 };
const X_LABEL = { value: 'step', position: 'insideBottom', offset: -8 } as const;
const X_LABELS = new Map<string, { value: string; position: 'insideBottom'; offset: number }>();
/** The same label object per title (recharts' axis is memoised). */
const xLabelOf = (
  t: string | undefined,
): typeof X_LABEL | { value: string; position: 'insideBottom'; offset: number } => {
  if (!t) return X_LABEL;
  let l = X_LABELS.get(t);
  if (!l) X_LABELS.set(t, (l = { value: t, position: 'insideBottom', offset: -8 }));
  return l;
};
const UNIT_TICKS = [0, 0.25, 0.5, 0.75, 1];
const EMPTY_X: [number, number] = [0, 1];
const EMPTY_Y = { domain: [0, 1] as [number, number], ticks: UNIT_TICKS, scale: 'linear' as const };

type Dot = { r: number; fill: string; stroke: string; strokeDasharray: string };
const dots = new Map<string, Dot>();
/** One dot style per colour and kind (the same object each render: recharts' <Line> is memoised). */
function dotOf(colour: string, open: boolean): Dot {
  const k = `${colour}|${open}`;
  let d = dots.get(k);
  if (!d) {
    d = { r: 2.5, fill: open ? 'none' : colour, stroke: colour, strokeDasharray: '0' };
    dots.set(k, d);
  }
  return d;
}

/** The y axis: log (domain and decade ticks from the data), a fixed range, or recharts' own. */
export function yAxisOf(
  lines: readonly LineSpec[],
  log: boolean,
  yDomain?: [number, number],
  refY?: number,
  marks: readonly RatioMark[] = [],
): { domain: [number, number] | ['auto', 'auto']; ticks?: number[]; scale: 'log' | 'linear' } {
  if (yDomain)
    return {
      domain: yDomain,
      ticks: yDomain[0] === 0 && yDomain[1] === 1 ? UNIT_TICKS : undefined,
      scale: 'linear',
    };
  if (!log) return { domain: ['auto', 'auto'], scale: 'linear' };
  const ys = [...lines.flatMap((l) => l.points.map(Y)), ...marks.map((m) => m.y)];
  const axis = logAxis(refY === undefined ? ys : [...ys, refY]);
  return axis ? { ...axis, scale: 'log' } : { domain: ['auto', 'auto'], scale: 'log' };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The x axis over the lines' steps (axis.ts' stepDomain). */
export function xDomainOf(lines: readonly LineSpec[]): [number, number] | null {
  return stepDomain(lines.flatMap((l) => l.points.map(X)));
}

const NO_MARKS: readonly RatioMark[] = [];
const markLabels = new Map<
  string,
  { value: string; position: 'insideTopLeft'; className: string }
>();
/** The same label object per text (recharts' reference line is memoised). */
const markLabelOf = (
  t: string,
): { value: string; position: 'insideTopLeft'; className: string } => {
  let l = markLabels.get(t);
  if (!l)
    markLabels.set(t, (l = { value: t, position: 'insideTopLeft', className: 'paper-mark-label' }));
  return l;
};

type YAxisSpec = ReturnType<typeof yAxisOf>;

/**
 * The lines with points, and both axes, each kept the same object while its numbers stay
 * (recharts re-registers an axis whose props change). `empty`: no data yet, unit axes.
 */
function useAxes(
  lines: readonly LineSpec[],
  log: boolean,
  yDomain: [number, number] | undefined,
  refY: number | undefined,
  marks: readonly RatioMark[],
): { drawn: LineSpec[]; empty: boolean; xd: [number, number]; yd: YAxisSpec } {
  const drawn = useMemo(() => lines.filter((l) => l.points.length > 0), [lines]);
  const x = useSame(
    useMemo(() => xDomainOf(drawn), [drawn]),
    sameJson,
  );
  const y = useSame(
    useMemo(() => yAxisOf(drawn, log, yDomain, refY, marks), [drawn, log, yDomain, refY, marks]),
    sameJson,
  );
  // Before any data the chart is still mounted, empty axes under a "no data yet" note: recharts'
  // costly first mount (its store, selectors, layout effects; 250-1250 ms of main thread on a
  // busy 2-core machine) then happens when the page opens, not in the middle of a training run.
  const empty = !x;
  return { drawn, empty, xd: x ?? EMPTY_X, yd: empty ? EMPTY_Y : y };
}

// The chart's children come from plain functions returning recharts' own elements (not
// components of their own), so the element tree is what recharts expects.

/** The x axis over steps (or `xLabel`'s unit). */
const xAxisOf = (xd: [number, number], xLabel: string | undefined): ReactElement => (
  <XAxis
    type="number"
    dataKey={X}
    interval={0}
    domain={xd}
    // The domain spans the data already (xDomainOf): recharts takes it as it is.
    allowDataOverflow
    allowDecimals={false}
    tickCount={6}
    tickFormatter={formatTick}
    label={xLabelOf(xLabel)}
  />
);

/** The y axis from its spec (log, fixed or recharts' own range). */
const yAxisElementOf = (yd: YAxisSpec, yLabel: string | undefined): ReactElement => (
  <YAxis
    type="number"
    interval={0}
    scale={yd.scale}
    domain={yd.domain}
    ticks={yd.ticks}
    // Log and fixed ranges (accuracy's [0, 1]) are the data's already: taken as they are.
    allowDataOverflow={yd.scale === 'log' || yd.ticks !== undefined}
    tickFormatter={formatTick}
    width={48}
    label={yTitle(yLabel)}
  />
);

/** One of the paper's ratios: a dashed, labelled horizontal line. */
const markLineOf = (m: RatioMark): ReactElement => (
  <ReferenceLine
    key={m.y}
    y={m.y}
    className="ref paper-mark"
    strokeDasharray="6 3"
    label={markLabelOf(m.label)}
  />
);

/** One series' line; evaluations are few: a dot each (open for dashed lines); a one-point line is only its dot. */
function lineOf(l: LineSpec, markersUpTo: number): ReactElement {
  const dotted = l.points.length === 1 || l.points.length <= markersUpTo;
  return (
    <Line
      key={l.key}
      name={l.name}
      data={l.points as LinePoint[]}
      dataKey={Y}
      stroke={l.colour}
      strokeWidth={l.faint ? 1 : 2}
      strokeOpacity={l.faint ? 0.35 : 1}
      strokeDasharray={l.dotted ? '1 3' : l.dashed ? '6 4' : undefined}
      dot={dotted && !l.faint ? dotOf(l.colour, l.dashed === true) : false}
      activeDot={false}
      isAnimationActive={false}
    />
  );
}

export const StepLineChart = memo(function StepLineChart({
  lines,
  label,
  log = false,
  yDomain,
  refY,
  marks = NO_MARKS,
  yLabel,
  markersUpTo = 0,
  xLabel,
}: LineChartProps) {
  const { drawn, empty, xd, yd } = useAxes(lines, log, yDomain, refY, marks);
  const chart = (
    <LineChart
      width={CHART_WIDTH}
      height={CHART_HEIGHT}
      margin={MARGIN}
      accessibilityLayer={false}
      role="img"
      aria-label={empty ? `${label}: no data yet` : label}
      className="line-chart"
    >
      <CartesianGrid vertical={false} />
      {xAxisOf(xd, xLabel)}
      {yAxisElementOf(yd, yLabel)}
      {refY !== undefined && <ReferenceLine y={refY} className="ref" strokeDasharray="2 3" />}
      {!empty && marks.map(markLineOf)}
      {drawn.map((l) => lineOf(l, markersUpTo))}
    </LineChart>
  );
  // The same element tree with or without data: React updates the chart, never remounts it.
  return <EmptyOverlay empty={empty}>{chart}</EmptyOverlay>;
});
