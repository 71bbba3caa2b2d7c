/** The dot plot's recharts drawing (seed-dot-plot.tsx loads it lazily, outside the main chunk). */
import { memo } from 'react';
import { CartesianGrid, ErrorBar, Scatter, ScatterChart, Text, XAxis, YAxis } from 'recharts';
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

function DotChart({ points, ticks, tick, n, labelOf, colourOf }: SeedDotChartProps) {
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
      {points.map((p) => (
        <Scatter
          key={p.methodId}
          name={labelOf(p.methodId)}
          data={p.dots}
          fill={colourOf(p.methodId)}
          isAnimationActive={false}
        />
      ))}
      {points.map((p) => (
        <Scatter
          key={`${p.methodId}-mean`}
          name={`${labelOf(p.methodId)} mean`}
          data={p.mean}
          fill={colourOf(p.methodId)}
          shape="diamond"
          isAnimationActive={false}
        >
          <ErrorBar dataKey="err" direction="y" width={6} stroke={colourOf(p.methodId)} />
        </Scatter>
      ))}
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
