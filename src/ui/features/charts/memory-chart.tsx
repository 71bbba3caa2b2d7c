/**
 * Training memory per method: stacked bars from the engine's accounting (weights, gradients,
 * optimizer state) beside a hatched bar of what the backend measured; bytes per parameter.
 */
import { memo, useMemo } from 'react';
import { ChartFigure } from './chart-figure';
import type { ChartProps } from './chart-props';
import { CHART_NOTES } from './notes';
import { MEMORY_COLOURS } from './palette';
import { memoryRows } from './series';
import { SvgBarChart, type Category } from './svg-bar-chart';

export const MemoryChart = memo(function MemoryChart({ methods }: ChartProps) {
  const rows = useMemo(() => memoryRows(methods, {}), [methods]);
  const cats = useMemo(
    (): Category[] =>
      rows.map((r) => ({
        label: String(r.method),
        sublabel: `${Number(r.bytesPerParam).toFixed(1)} B/param`,
        bars: [
          {
            name: `${String(r.method)} accounted`,
            segments: [
              { name: 'weights', value: r.weights as number, colour: MEMORY_COLOURS.weights },
              { name: 'gradients', value: r.gradients as number, colour: MEMORY_COLOURS.gradients },
              { name: 'optimizer state', value: r.state as number, colour: MEMORY_COLOURS.state },
            ],
          },
          { name: `${String(r.method)} measured`, segments: [{ name: 'measured by the backend', value: r.measured as number, colour: MEMORY_COLOURS.measured, hatched: true }] },
        ],
      })),
    [rows],
  );
  const title = 'Training memory per method (MB): accounted weights + gradients + optimizer state, beside what the backend measured';
  return (
    <ChartFigure id="memory" title={title} note={CHART_NOTES.memory} rows={rows}>
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
          <span className="swatch hatched" /> measured (all tensors)
        </li>
      </ul>
      <SvgBarChart categories={cats} label={title} yLabel="MB" />
    </ChartFigure>
  );
});
