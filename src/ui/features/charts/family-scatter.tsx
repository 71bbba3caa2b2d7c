/**
 * The family chart's picture (recharts scatter): each checkpoint's ratio against its gap with
 * the 90% interval, the unmeasured ones on the bottom line, the paper's models, the live
 * checkpoint ringed and the run's own point; plus the words a point says (tooltip, legend,
 * table). Split from family-chart.tsx, which adds the caption, legend and data table.
 */
import type { ReactElement, ReactNode } from 'react';
import {
  CartesianGrid,
  ErrorBar,
  LabelList,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  type ScatterProps,
  type ScatterShapeProps,
  type TooltipContentProps,
} from 'recharts';
import { formatTick } from './axis';
import { CHART_WIDTH, yTitle } from './chart-layout';
import type { FamilyPlot, ScatterPoint } from './family-points';
import { PALETTE } from './palette';

const HEIGHT = 300;
const MARGIN = { top: 12, right: 16, bottom: 22, left: 14 };
const X_LABEL = {
  value: 'embedding-gradient ratio at the start (raw, log)',
  position: 'insideBottom',
  offset: -12,
} as const;
const Y_TITLE = "AdamW's OOD lead over SGD (points)";
/** The markers' colours (the legend's swatches use them too). */
export const FAMILY_COLOURS = {
  family: PALETTE[0],
  paper: PALETTE[1],
  you: PALETTE[4],
  unmeasured: '#999999',
} as const;
const C = FAMILY_COLOURS;

/** CLIP ViT-B/16 and ConvNeXt-B share the ratio 3.1, their gaps 6 points apart: one label above, one below. */
const PAPER_LABEL_AT: Record<string, 'top' | 'bottom'> = { 'paper: ConvNeXt-B': 'bottom' };

const pts = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}`;

/** What a point says in the tooltip and the table: ratio, gap with interval and n, or that the gap was not measured. */
export function pointWords(p: ScatterPoint): string {
  const gap = !p.measured
    ? 'gap not measured'
    : p.n === 0
      ? `AdamW − SGD ${pts(p.y)} points`
      : `AdamW − SGD ${pts(p.y)} points${p.lo !== null && p.hi !== null ? ` (90% interval ${pts(p.lo)} to ${pts(p.hi)})` : ' (one seed: no interval)'}, n = ${p.n} seed${p.n === 1 ? '' : 's'}`;
  return `${p.name} (${p.about}): ratio ${p.x.toFixed(2)}; ${gap}`;
}

function FamilyTip({ active, payload }: TooltipContentProps): ReactNode {
  const p = payload?.[0]?.payload as ScatterPoint | undefined;
  if (!active || !p) return null;
  return <div className="chart-tip">{pointWords(p)}</div>;
}
const tip = (props: TooltipContentProps): ReactNode => <FamilyTip {...props} />;

/** The live checkpoint: a ring around its point (on the bottom line when its gap was not measured). */
const ring = (p: ScatterShapeProps): ReactNode => (
  <circle
    cx={p.cx}
    cy={p.cy}
    r={9}
    fill="none"
    stroke="currentColor"
    strokeWidth={2.5}
    className="family-ring"
  />
);

// The chart's children come from plain functions returning recharts' own elements (not
// components of their own), so the element tree is what recharts expects.

/** What both axes share: numeric, over the plot's domain, every tick drawn, points beyond clipped. */
const axisProps = (dataKey: 'x' | 'y', name: string, axis: FamilyPlot['x']) =>
  ({
    type: 'number',
    dataKey,
    name,
    domain: axis.domain,
    ticks: axis.ticks,
    interval: 0,
    allowDataOverflow: true,
    tickFormatter: formatTick,
  }) as const;

/** The ratio on a log axis. */
const xAxisOf = (plot: FamilyPlot): ReactElement => (
  <XAxis {...axisProps('x', 'ratio', plot.x)} scale="log" label={X_LABEL} />
);

/** AdamW's OOD lead over SGD, in points. */
const yAxisOf = (plot: FamilyPlot): ReactElement => (
  <YAxis {...axisProps('y', 'gap', plot.y)} width={44} label={yTitle(Y_TITLE)} />
);

/** How a series' markers look: their colour and shape (recharts' default dot when absent). */
type Marker = Pick<ScatterProps, 'fill' | 'shape'>;

/** One series of markers, drawn at once (no animation); `children` its error bars and labels. */
const seriesOf = (
  name: string,
  data: ScatterPoint[],
  className: string,
  marker: Marker,
  children?: ReactNode,
  key?: string,
): ReactElement => (
  <Scatter
    key={key}
    name={name}
    data={data}
    className={className}
    isAnimationActive={false}
    {...marker}
  >
    {children}
  </Scatter>
);

/** Checkpoints whose gap was not measured: triangles on the bottom line. */
const unmeasuredOf = (points: ScatterPoint[]): ReactElement =>
  seriesOf('gap not measured', points, 'family-unmeasured', {
    fill: C.unmeasured,
    shape: 'triangle',
  });

/** The measured micro checkpoints, each with its 90% interval. */
const measuredOf = (points: ScatterPoint[]): ReactElement =>
  seriesOf(
    'micro checkpoints',
    points,
    'family-measured',
    { fill: C.family },
    <ErrorBar dataKey="err" direction="y" width={4} stroke={C.family} />,
  );

/** One of the paper's models: a labelled diamond. */
const paperOf = (m: ScatterPoint): ReactElement =>
  seriesOf(
    "the paper's models",
    [m],
    'family-paper',
    { fill: C.paper, shape: 'diamond' },
    <LabelList
      dataKey="tag"
      position={PAPER_LABEL_AT[m.tag ?? ''] ?? 'top'}
      className="family-tag"
    />,
    m.name,
  );

/** The live run's checkpoint, ringed. */
const liveOf = (live: ScatterPoint): ReactElement =>
  seriesOf("this lesson's checkpoint", [live], 'family-live', { shape: ring });

/** The run's own point: a star with its interval, labelled. */
const youOf = (you: ScatterPoint): ReactElement =>
  seriesOf(
    'your run',
    [you],
    'family-you',
    { fill: C.you, shape: 'star' },
    <>
      <ErrorBar dataKey="err" direction="y" width={6} stroke={C.you} />
      <LabelList dataKey="tag" position="left" className="family-tag" />
    </>,
  );

/** The scatter itself; `label` is its accessible name. */
export function FamilyScatter({ plot, label }: { plot: FamilyPlot; label: string }) {
  return (
    <ScatterChart
      width={CHART_WIDTH}
      height={HEIGHT}
      margin={MARGIN}
      accessibilityLayer={false}
      role="img"
      aria-label={label}
      className="scatter-chart"
    >
      <CartesianGrid />
      {xAxisOf(plot)}
      {yAxisOf(plot)}
      <ReferenceLine y={0} className="ref" strokeDasharray="2 3" />
      <Tooltip content={tip} cursor={false} isAnimationActive={false} />
      {unmeasuredOf(plot.unmeasured)}
      {measuredOf(plot.measured)}
      {plot.paper.map(paperOf)}
      {plot.live && liveOf(plot.live)}
      {plot.you && youOf(plot.you)}
    </ScatterChart>
  );
}
