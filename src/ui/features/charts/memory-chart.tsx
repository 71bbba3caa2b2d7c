/**
 * Training memory per method (recharts): stacked bars from the engine's accounting (weights,
 * gradients, optimizer state) beside a hatched bar of the peak measured while that method trained; under each
 * method, its bytes per parameter.
 */
import { memo, useCallback, useId, useMemo, type ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { formatTick } from './axis';
import { ChartFigure } from './chart-figure';
import type { ChartProps } from './chart-props';
import { CHART_HEIGHT, CHART_WIDTH, yTitle } from './chart-layout';
import { NoData } from './no-data';
import { CHART_NOTES } from './notes';
import { MEMORY_COLOURS } from './palette';
import { memoryRows, type Row } from './series';
import { sameRows, useSame } from './stable';
import { redrawNearScreen } from './on-screen';

const MARGIN = { top: 8, right: 8, bottom: 0, left: 14 };

/** Method on one line, bytes per parameter on the next. */
function MethodTick({
  x,
  y,
  payload,
  perParam,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown; index?: number };
  perParam: readonly string[];
}) {
  return (
    <text
      x={x}
      y={y}
      textAnchor="middle"
      className="recharts-text recharts-cartesian-axis-tick-value"
    >
      <tspan x={x} dy="0.9em">
        {String(payload?.value ?? '')}
      </tspan>
      <tspan x={x} dy="1.2em" className="sub">
        {perParam[payload?.index ?? -1] ?? ''}
      </tspan>
    </text>
  );
}

type TickProps = {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown; index?: number };
};

/** What each colour of the bars means. */
function MemoryLegend() {
  return (
    <ul className="chart-legend" aria-label="Memory chart colours">
      <li>
        <span className="swatch" style={{ background: MEMORY_COLOURS.weights }} /> weights
      </li>
      <li>
        <span className="swatch" style={{ background: MEMORY_COLOURS.gradients }} /> gradients
      </li>
      <li>
        <span className="swatch" style={{ background: MEMORY_COLOURS.state }} /> optimizer state
      </li>
      <li>
        <span className="swatch hatched" /> measured (peak while it trained)
      </li>
    </ul>
  );
}

/** The measured bar's hatching, an SVG pattern the bar fills with by `id`. */
function HatchPattern({ id }: { id: string }) {
  return (
    <svg className="defs-only" width="0" height="0" aria-hidden="true">
      <defs>
        <pattern
          id={id}
          width="4"
          height="4"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="4" height="4" fill={MEMORY_COLOURS.measured} />
          <line x1="0" y1="0" x2="0" y2="4" stroke="white" strokeWidth="1.5" />
        </pattern>
      </defs>
    </svg>
  );
}

/** One accounted part of the stacked bar. */
const accountedBar = (key: 'weights' | 'gradients' | 'state', name: string): ReactElement => (
  <Bar
    dataKey={key}
    name={name}
    stackId="accounted"
    fill={MEMORY_COLOURS[key]}
    isAnimationActive={false}
  />
);

/** The bars: accounted parts stacked, the measured peak beside them, hatched. */
function MemoryBars({
  rows,
  label,
  tick,
  hatch,
}: {
  rows: Row[];
  label: string;
  tick: (p: TickProps) => ReactElement;
  hatch: string;
}) {
  return (
    <BarChart
      width={CHART_WIDTH}
      height={CHART_HEIGHT}
      data={rows}
      margin={MARGIN}
      accessibilityLayer={false}
      role="img"
      aria-label={label}
      className="bar-chart"
    >
      <CartesianGrid vertical={false} />
      <XAxis dataKey="method" interval={0} tick={tick} height={40} />
      <YAxis
        type="number"
        interval={0}
        tickFormatter={formatTick}
        width={48}
        label={yTitle('MB')}
      />
      {accountedBar('weights', 'weights')}
      {accountedBar('gradients', 'gradients')}
      {accountedBar('state', 'optimizer state')}
      <Bar
        dataKey="measured"
        name="measured peak while training"
        fill={`url(#${hatch})`}
        isAnimationActive={false}
      />
    </BarChart>
  );
}

export const MemoryChart = redrawNearScreen(
  memo(function MemoryChart({ methods }: ChartProps) {
    const hatch = `hatch${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`; // unique per chart: no duplicate ids
    const rows = useSame(
      useMemo(() => memoryRows(methods, {}), [methods]),
      sameRows,
    );
    const perParam = useMemo(
      () => rows.map((r) => `${Number(r.bytesPerParam).toFixed(1)} B/param`),
      [rows],
    );
    const tick = useCallback(
      (p: TickProps) => <MethodTick {...p} perParam={perParam} />,
      [perParam],
    );
    const title =
      'Training memory per method (MB): accounted weights + gradients + optimizer state, beside the peak measured while each method trained';
    return (
      <ChartFigure id="memory" title={title} note={CHART_NOTES.memory} rows={rows}>
        <MemoryLegend />
        <HatchPattern id={hatch} />
        {rows.length ? (
          <MemoryBars rows={rows} label={title} tick={tick} hatch={hatch} />
        ) : (
          <NoData label={title} width={CHART_WIDTH} height={CHART_HEIGHT} />
        )}
      </ChartFigure>
    );
  }),
);
