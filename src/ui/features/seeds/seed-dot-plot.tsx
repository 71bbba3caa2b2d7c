/**
 * Each seed's OOD accuracy as a dot, one column per method, with the mean and its 90% interval
 * beside the dots: the spread a single run hides. Recharts at a fixed size, as the other charts;
 * a data table (seed by seed) for screen readers. x: the method's column, each dot nudged
 * sideways by its rank so equal values stay visible.
 */
import { lazy, memo, Suspense } from 'react';
import type { PooledMethod } from '../../seeds/pooled';
import { Table } from '../charts/data-table';
import type { Row } from '../charts/series';
import { useStaggered } from '../charts/use-staggered';
import type { DotColumn, SeedDotChartProps } from './seed-dot-chart';

export interface SeedDotPlotProps {
  methods: readonly PooledMethod[];
  labelOf: (id: string) => string;
  colourOf: (id: string) => string;
  /** Names the figure: "this page's seeds", "the class's seeds". */
  title: string;
  /** The figure's data-testid ('seed-dots'; the recorded experiment's plot has its own). */
  testId?: string;
}

// Recharts stays out of the page's main chunk (its size budget): the chart loads when first shown.
const SeedDotChart = lazy(() =>
  import('./seed-dot-chart').then((m) => ({ default: m.SeedDotChart })),
);
/**
 * The chart in a turn of its own (useStaggered, one chart; frame-turns.tsx), after the rest of
 * the figure: at a seed's end the results table, the paired differences and this plot all take
 * new numbers, and the plot's first mount or redraw (30-50 ms of main thread) in the same task
 * made it 55-70 ms. Until its first turn, the Suspense fallback's line.
 */
function ChartNextFrame(props: SeedDotChartProps) {
  const [shown] = useStaggered<SeedDotChartProps | null>(props, 1, null);
  return shown ? <SeedDotChart {...shown} /> : LOADING;
}

const LOADING = <p className="muted">Loading the dot plot…</p>;
const nudge = (k: number): number => ((k % 7) - 3) * 0.04;

/** The chart's points (pure, for the tests): dots at x = column + nudge, and the mean at x = column + 0.35. */
export function dotPoints(methods: readonly PooledMethod[]): DotColumn[] {
  return methods.map((m, col) => ({
    methodId: m.methodId,
    dots: m.perSeed.map((r, k) => ({ x: col + nudge(k), y: 100 * r.ood, seed: r.seed })),
    mean: m.ood.n
      ? [{ x: col + 0.35, y: 100 * m.ood.mean, err: m.ood.half === null ? 0 : 100 * m.ood.half }]
      : [],
  }));
}

function tableRows(methods: readonly PooledMethod[], labelOf: (id: string) => string): Row[] {
  const seeds = [...new Set(methods.flatMap((m) => m.perSeed.map((r) => r.seed)))].sort(
    (a, b) => a - b,
  );
  return seeds.map((seed) => {
    const row: Row = { seed };
    for (const m of methods) {
      const r = m.perSeed.find((x) => x.seed === seed);
      row[`${labelOf(m.methodId)} OOD %`] = r ? Number((100 * r.ood).toFixed(2)) : null;
    }
    return row;
  });
}

export const SeedDotPlot = memo(function SeedDotPlot({
  methods,
  labelOf,
  colourOf,
  title,
  testId = 'seed-dots',
}: SeedDotPlotProps) {
  const shown = methods.filter((m) => m.perSeed.length > 0);
  if (!shown.length) return null;
  const points = dotPoints(shown);
  const ticks = shown.map((_, i) => i);
  const tick = (i: number): string => labelOf(shown[i]?.methodId ?? '');
  const n = Math.max(...shown.map((m) => m.perSeed.length));
  return (
    <figure
      className="chart seed-dots"
      data-testid={testId}
      data-dots={shown.reduce((a, m) => a + m.perSeed.length, 0)}
    >
      <figcaption>
        OOD accuracy of every seed, {title}: one dot per seed, the mean with its 90% interval to the
        right of each column
      </figcaption>
      <Suspense fallback={LOADING}>
        <ChartNextFrame
          points={points}
          ticks={ticks}
          tick={tick}
          n={n}
          labelOf={labelOf}
          colourOf={colourOf}
        />
      </Suspense>
      <details className="data-table">
        <summary>Data table: OOD % per seed</summary>
        <Table rows={tableRows(shown, labelOf)} caption={`OOD accuracy per seed, ${title}`} />
      </details>
    </figure>
  );
});
