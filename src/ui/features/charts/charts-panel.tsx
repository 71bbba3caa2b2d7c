/**
 * The live charts, per method overlaid: loss; ID vs OOD accuracy; embedding vs rest gradient
 * norms (log) and their ratio; per-layer gradient norms (bars and a layers x steps heatmap);
 * how far each layer moved; the embedding filters as pictures; memory. Each chart has a
 * plain-language note and a data table.
 *
 * Cost: charts are plain SVG/canvas (no charting library), lines are decimated to 200 points,
 * the store is read once a second outside React (useThrottledSession) and rendered as a
 * transition, and closed data tables render nothing. Measured on the shared 2-core machine
 * during a 4-method WebGPU run (tiny ViT, 6 steps each): recharts had 46 long tasks, the
 * longest 486 ms (4.7 s in all); these charts 2-7, the longest 88-163 ms (tests/e2e/charts.test.ts).
 */
import { useCallback } from 'react';
import { PAPER_METHODS } from '../../../core/optim/methods';
import type { SessionState } from '../../store/session-store';
import type { ChartProps } from './chart-props';
import { CHART_REFRESH_MS } from './defaults';
import { FiltersChart } from './filters-chart';
import { DriftChart, LayerGradChart, LayerHeatmapChart } from './layer-charts';
import { MemoryChart } from './memory-chart';
import { methodColour } from './palette';
import { AccuracyChart, GradChart, LossChart, RatioChart } from './time-charts';
import { useThrottledSession } from './use-throttled-session';
import './charts.css';


const KNOWN = PAPER_METHODS.map((m) => m.id);
const LABELS: Record<string, string> = Object.fromEntries(PAPER_METHODS.map((m) => [m.id, m.label]));
const selectMethods = (s: SessionState): SessionState['methods'] => s.methods;
const selectLoaded = (s: SessionState): SessionState['loaded'] => s.loaded;
const labelOf = (id: string): string => LABELS[id] ?? id;
const NO_LAYERS: readonly string[] = [];

export function ChartsPanel({ refreshMs = CHART_REFRESH_MS }: { refreshMs?: number }) {
  const methods = useThrottledSession(selectMethods, refreshMs);
  const loaded = useThrottledSession(selectLoaded, refreshMs);
  const ids = Object.keys(methods);
  const key = ids.join(',');
  // Stable while the set of methods is: the memoised charts re-render only on new data.
  const colourOf = useCallback((id: string) => methodColour(id, KNOWN, key.split(',')), [key]);
  if (!ids.length) return null;
  const p: ChartProps = { methods, colourOf, labelOf };
  const layers = loaded?.layers ?? NO_LAYERS;
  return <LiveCharts p={p} ids={ids} layers={layers} worstGroup={loaded?.oodMetric === 'worst-group-accuracy'} />;
}

/** The charts for given histories (also what tests render, without the store). */
export function LiveCharts({ p, ids, layers, worstGroup }: { p: ChartProps; ids: readonly string[]; layers: readonly string[]; worstGroup: boolean }) {
  return (
    <section aria-labelledby="charts-h" className="charts">
      <h2 id="charts-h">What happens while it trains</h2>
      <ul className="legend" aria-label="Colours of the methods">
        {ids.map((id) => (
          <li key={id}>
            <span className="swatch" style={{ background: p.colourOf(id) }} /> {p.labelOf(id)}
          </li>
        ))}
        <li>solid: embedding layer / ID · dashed: rest of the model / OOD</li>
      </ul>
      <LossChart {...p} />
      <AccuracyChart {...p} worstGroup={worstGroup} />
      <GradChart {...p} />
      <RatioChart {...p} />
      <LayerGradChart {...p} layers={layers} />
      <LayerHeatmapChart {...p} layers={layers} />
      <DriftChart {...p} layers={layers} />
      <FiltersChart {...p} />
      <MemoryChart {...p} />
    </section>
  );
}
