/** The dot plot's recharts drawing (seed-dot-plot.tsx loads it lazily, outside the main chunk). */
import { memo, type ReactElement } from 'react';
import {
  CartesianGrid,
  ErrorBar,
  Scatter,
  ScatterChart,
  Symbols,
  Text,
  XAxis,
  YAxis,
  type ScatterShapeProps,
} from 'recharts';
import { CHART_HEIGHT, CHART_WIDTH, yTitle } from '../charts/chart-layout';

/** One method's column: its seeds' dots and its mean with the interval's half-width (`err`), in %. */
export interface DotColumn {
  methodId: string;
  dots: { x: number; y: number; seed: number }[];
  mean: { x: number; y: number; err: number }[];
}

const MARGIN = { top: 8, right: 8, bottom: 0, left: 14 };
const Y_AXIS_WIDTH = 48;

/**
 * A column's method name, wrapped to the column's width: four long names ("SGD freeze-embed, no
 * momentum") overlapped on one line in a 420 px chart.
 */
function wrappedTick(tick: (i: number) => string, width: number) {
  return function WrappedTick({
    x,
    y,
    payload,
  }: {
    x?: number | string;
    y?: number | string;
    payload?: { value?: unknown };
  }) {
    return (
      <Text
        x={Number(x)}
        y={Number(y)}
        width={width}
        textAnchor="middle"
        verticalAnchor="start"
        fontSize={11}
      >
        {tick(Number(payload?.value))}
      </Text>
    );
  };
}

export interface SeedDotChartProps {
  points: readonly DotColumn[];
  ticks: number[];
  tick: (i: number) => string;
  n: number;
  labelOf: (id: string) => string;
  colourOf: (id: string) => string;
}

/** A point with its method's colour (the columns' ticks name the methods). */
type Coloured<P> = P & { colour: string };

/**
 * Two scatter series, every method's dots and every mean, coloured point by point: recharts'
 * cost is per series (each registers in its store), and one per method and kind (eight with
 * four methods) made a redraw 30-75 ms of main thread while the pool trains.
 */
const dotsOf = (
  points: readonly DotColumn[],
  colourOf: (id: string) => string,
): Coloured<DotColumn['dots'][number]>[] =>
  points.flatMap((p) => p.dots.map((d) => ({ ...d, colour: colourOf(p.methodId) })));

const meansOf = (
  points: readonly DotColumn[],
  colourOf: (id: string) => string,
): Coloured<DotColumn['mean'][number]>[] =>
  points.flatMap((p) => p.mean.map((m) => ({ ...m, colour: colourOf(p.methodId) })));

/** The intervals' colour: one series draws them all, in the text's colour (light and dark themes). */
const INTERVAL_COLOUR = 'currentColor';
const colourIn = (p: ScatterShapeProps): string =>
  (p.payload as { colour?: string } | undefined)?.colour ?? INTERVAL_COLOUR;
const dotShape = (p: ScatterShapeProps): ReactElement => (
  <circle cx={p.cx} cy={p.cy} r={4} fill={colourIn(p)} />
);
const meanShape = (p: ScatterShapeProps): ReactElement => (
  <Symbols cx={p.cx} cy={p.cy} type="diamond" size={80} fill={colourIn(p)} />
);

function DotChart({ points, ticks, tick, n, colourOf }: SeedDotChartProps) {
  return (
    <ScatterChart
      width={CHART_WIDTH}
      height={CHART_HEIGHT}
      margin={MARGIN}
      accessibilityLayer={false}
      role="img"
      aria-label={`OOD accuracy per seed, ${n} seeds at most per method`}
    >
      <CartesianGrid vertical={false} />
      <XAxis
        type="number"
        dataKey="x"
        domain={[-0.5, ticks.length - 0.5]}
        ticks={ticks}
        tick={wrappedTick(
          tick,
          (CHART_WIDTH - MARGIN.left - MARGIN.right - Y_AXIS_WIDTH) / Math.max(1, ticks.length) - 4,
        )}
        interval={0}
        // Four wrapped lines: "SGD freeze-embed, no momentum" in a quarter of the width.
        height={60}
      />
      <YAxis
        type="number"
        dataKey="y"
        domain={['auto', 'auto']}
        width={Y_AXIS_WIDTH}
        label={yTitle('OOD %')}
      />
      <Scatter
        name="seeds"
        data={dotsOf(points, colourOf)}
        shape={dotShape}
        isAnimationActive={false}
      />
      <Scatter
        name="means"
        data={meansOf(points, colourOf)}
        shape={meanShape}
        isAnimationActive={false}
      >
        <ErrorBar dataKey="err" direction="y" width={6} stroke={INTERVAL_COLOUR} />
      </Scatter>
    </ScatterChart>
  );
}

/**
 * Redrawn only when a dot moves: the plot's parent follows the store once a second and hands
 * new arrays each time, while a seed's dot changes only at its evaluations (a few per run).
 * `tick` is derived from `labelOf` and the columns' methods, so it is not compared.
 */
const same = (a: SeedDotChartProps, b: SeedDotChartProps): boolean =>
  a.n === b.n &&
  a.labelOf === b.labelOf &&
  a.colourOf === b.colourOf &&
  a.ticks.length === b.ticks.length &&
  JSON.stringify(a.points) === JSON.stringify(b.points);

export const SeedDotChart = memo(DotChart, same);
