/**
 * Grouped bars with recharts: one group per layer, one bar per method (per-layer gradient
 * norms on a log axis, drift on a linear one). Fixed size, no animation, no tooltip.
 */
import { memo, useMemo, type ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { formatTick, logAxis, type LogAxis } from './axis';
import { CHART_HEIGHT, CHART_WIDTH, yTitle } from './chart-layout';
import { NoData } from './no-data';
import type { Row } from './series';

export interface GroupedBarProps {
  /** One row per category: `layer`, and each method's value under its id (null: no bar). */
  rows: readonly Row[];
  ids: readonly string[];
  colourOf: (id: string) => string;
  labelOf: (id: string) => string;
  label: string;
  log?: boolean;
  yLabel?: string;
  /** Pixels; the standard chart width when absent (a narrow chart beside another: the head's drift). */
  width?: number;
}

const MARGIN = { top: 8, right: 8, bottom: 0, left: 14 };
const LAYER = (r: Row): string => String(r.layer);

/** A bar's value: a positive number on a log axis, any number on a linear one; else no bar. */
export const barValue = (v: Row[string] | undefined, log: boolean): number | null =>
  typeof v === 'number' && Number.isFinite(v) && (!log || v > 0) ? v : null;

/**
 * The y axis: log with decade ticks when `axis` is given, else linear. A plain function returning
 * the element (not a component), so the chart's children stay recharts' own elements.
 */
function yAxis(axis: LogAxis | null, yLabel: string | undefined): ReactElement {
  return axis ? (
    <YAxis
      type="number"
      interval={0}
      scale="log"
      domain={axis.domain}
      ticks={axis.ticks}
      allowDataOverflow
      tickFormatter={formatTick}
      width={48}
      label={yTitle(yLabel)}
    />
  ) : (
    <YAxis
      type="number"
      interval={0}
      tickFormatter={formatTick}
      width={48}
      label={yTitle(yLabel)}
    />
  );
}

export const GroupedBarChart = memo(function GroupedBarChart({
  rows,
  ids,
  colourOf,
  labelOf,
  label,
  log = false,
  yLabel,
  width = CHART_WIDTH,
}: GroupedBarProps) {
  // One accessor per method, made when the methods change (ids may hold dots: no string keys).
  const keys = useMemo(
    () => ids.map((id) => ({ id, get: (r: Row) => barValue(r[id], log) })),
    [ids, log],
  );
  const values = useMemo(() => rows.flatMap((r) => keys.map((k) => k.get(r))), [rows, keys]);
  const axis = useMemo(() => (log ? logAxis(values) : null), [log, values]);
  if (!rows.length || values.every((v) => v === null) || (log && !axis))
    return <NoData label={label} width={width} height={CHART_HEIGHT} />;
  return (
    <BarChart
      width={width}
      height={CHART_HEIGHT}
      data={rows as Row[]}
      margin={MARGIN}
      accessibilityLayer={false}
      role="img"
      aria-label={label}
      className="bar-chart"
    >
      <CartesianGrid vertical={false} />
      <XAxis dataKey={LAYER} interval={0} angle={-35} textAnchor="end" height={64} />
      {yAxis(axis, yLabel)}
      {keys.map((k) => (
        <Bar
          key={k.id}
          name={labelOf(k.id)}
          dataKey={k.get}
          fill={colourOf(k.id)}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
});
