/**
 * The live charts, per method overlaid, grouped by the paper's three findings (finding-group.tsx):
 * (1) ID vs OOD accuracy, the recorded full experiment beside it (when its file is deployed),
 * loss; (2) embedding, middle and head gradient norms (log) and the paper's ratio, how far each
 * layer moved, the recorded checkpoint family (ratio against AdamW's lead: family-chart.tsx),
 * then folded under "More": per-layer gradient norms (bars and a layers x steps heatmap) and the embedding filters as pictures; (3) memory. Each chart has a
 * plain-language note and a data table.
 *
 * Cost: line and bar charts are recharts (fixed size, no animation, no dots on long lines, no
 * tooltip), the heatmap and filter pictures canvases; lines are decimated to 200 points, the
 * store is read once a second outside React (useThrottledSession), the charts take each new
 * value in a frame turn of its own (useStaggered; frame-turns.tsx: one chart update per frame on
 * the whole page, each committed before the next), and closed data tables render nothing.
 * Measured (tests/e2e/charts.test.ts): a recharts chart costs 50-200 ms of main thread per
 * update on the shared 2-core machine under load, mostly recharts' own store (each series
 * registers in layout effects, which forces a synchronous re-render), and 250-1250 ms for the
 * first, cold mount; hence one chart per frame, and series kept identical so they skip renders.
 */
import { useCallback, useMemo, useState, type ReactElement } from 'react';
import { methodLabel, PAPER_METHOD_IDS } from '../../../presets/method-catalog';
import type { SessionSlice } from '../../store/session-slice';
import type { ChartProps } from './chart-props';
import { CHART_REFRESH_MS } from './defaults';
import { FamilyChartLive } from './family-chart-live';
import { FiltersChart } from './filters-chart';
import { FindingGroup, MoreCharts } from './finding-group';
import { DriftChart, LayerGradChart, LayerHeatmapChart } from './layer-charts';
import { MemoryChart } from './memory-chart';
import { faultLabeller, faultsKey } from '../faults/method-fault';
import { methodColour } from './palette';
import { layerInfoOf, type LayerInfo } from './series';
import { ReferenceChart } from './reference-chart';
import { useReference } from '../../reference/use-reference';
import type { Reference } from '../../reference/reference-data';
import { AccuracyChart, GradChart, LossChart, RatioChart } from './time-charts';
import { useMountInTurn } from './use-mount-in-turn';
import { useStaggered } from './use-staggered';
import { useThrottledSession } from './use-throttled-session';
import './charts.css';

const KNOWN = PAPER_METHOD_IDS;
const selectMethods = (s: SessionSlice): SessionSlice['methods'] => s.methods;
const selectLoaded = (s: SessionSlice): SessionSlice['loaded'] => s.loaded;
const selectSeedRuns = (s: SessionSlice): SessionSlice['seedRuns'] => s.seedRuns;
const NO_SEEDS: Record<number, ChartProps['methods']> = {};

/** Every seed but the first, whose runs `methods` holds (the pool keeps them there: seed-list.ts's first). */
function othersOf(seedRuns: SessionSlice['seedRuns']): Record<number, ChartProps['methods']> {
  const seeds = Object.keys(seedRuns)
    .map(Number)
    .sort((a, b) => a - b);
  return seeds.length > 1
    ? Object.fromEntries(seeds.slice(1).map((s) => [s, seedRuns[s] as ChartProps['methods']]))
    : NO_SEEDS;
}
/** Every method by its recipe label (the paper's four and the others alike). */
const plainLabel = methodLabel;
const NO_LAYERS: readonly string[] = [];

export function ChartsPanel({ refreshMs = CHART_REFRESH_MS }: { refreshMs?: number }) {
  const methods = useThrottledSession(selectMethods, refreshMs);
  const loaded = useThrottledSession(selectLoaded, refreshMs);
  const seedRuns = useThrottledSession(selectSeedRuns, refreshMs);
  const otherSeeds = useMemo(() => othersOf(seedRuns), [seedRuns]);
  const ids = Object.keys(methods);
  const key = ids.join(',');
  // Stable while the set of methods is: the memoised charts re-render only on new data.
  const colourOf = useCallback((id: string) => methodColour(id, KNOWN, key.split(',')), [key]);
  // A method that stopped on its own is named so in every legend; the function changes only
  // when a method fails (faultsKey), not with each step.
  const faults = faultsKey(methods);
  const labelOf = useMemo(() => faultLabeller(faults, plainLabel), [faults]);
  const p = useMemo(
    (): ChartProps => ({ methods, colourOf, labelOf, otherSeeds }),
    [methods, colourOf, labelOf, otherSeeds],
  );
  // Mounted before any run (empty frames): recharts' cold first mount happens on page load,
  // not while a run streams.
  const layers = loaded?.layers ?? NO_LAYERS;
  const info = useMemo(() => layerInfoOf(loaded), [loaded]);
  const reference = useReference();
  return (
    <LiveCharts
      p={p}
      ids={ids}
      layers={layers}
      info={info}
      reference={reference}
      worstGroup={loaded?.oodMetric === 'worst-group-accuracy'}
      stagger
    />
  );
}

/** The nine charts, in order; each takes `p` in a frame turn of its own (useStaggered). */
const CHART_COUNT = 9;
/** Every figure of the panel (the nine, the recorded experiment and the family), mounted in turn. */
const SLOT_COUNT = 11;
const NO_METHODS: ChartProps['methods'] = {};

/** Every figure is there from the start but the recorded experiment's (slot 1, once its file loads). */
const presentSlots = (reference: boolean): boolean[] =>
  Array.from({ length: SLOT_COUNT }, (_, k) => k !== 1 || reference);

/** The methods' colours and the line styles, above the charts. */
function Legend({ ids, p }: { ids: readonly string[]; p: ChartProps }) {
  return (
    <ul className="legend" aria-label="Colours of the methods">
      {ids.map((id) => (
        <li key={id}>
          <span className="swatch" style={{ background: p.colourOf(id) }} /> {p.labelOf(id)}
        </li>
      ))}
      <li>solid: embedding layer / ID · dashed: middle layer / OOD · dotted: the new head</li>
    </ul>
  );
}

/**
 * The charts for given histories (also what tests render, without the store). With `stagger`,
 * the figures mount one per animation frame (an empty slot before: use-mount-in-turn.ts), each
 * chart mounts empty, then takes a new `p` in a frame turn of its own (and, near the screen, its
 * slot redraws it in another: on-screen.tsx).
 */
export function LiveCharts({
  p,
  ids,
  layers,
  info,
  reference = null,
  worstGroup,
  stagger = false,
}: {
  p: ChartProps;
  ids: readonly string[];
  layers: readonly string[];
  info?: LayerInfo;
  reference?: Reference | null;
  worstGroup: boolean;
  stagger?: boolean;
}) {
  const li = useMemo(
    () => info ?? layerInfoOf({ layers: [...layers], embedLayers: layers.slice(0, 1) }),
    [info, layers],
  );
  const [empty] = useState((): ChartProps => ({ ...p, methods: NO_METHODS }));
  const snaps = useStaggered(p, CHART_COUNT, stagger ? empty : p);
  const at = (i: number): ChartProps => (stagger ? (snaps[i] ?? p) : p);
  const present = useMemo(() => presentSlots(reference !== null), [reference]);
  const mounted = useMountInTurn(present, stagger);
  // Slot k's figure once its turn has come, an empty slot of the same grid cell before.
  const slot = (k: number, el: ReactElement): ReactElement =>
    mounted[k] ? el : <div className="chart-slot chart-pending" aria-hidden="true" />;
  return (
    <section aria-labelledby="charts-h" className="charts">
      <h2 id="charts-h">What happens while it trains</h2>
      <Legend ids={ids} p={p} />
      <FindingGroup n={1}>
        {slot(0, <AccuracyChart {...at(1)} worstGroup={worstGroup} />)}
        {reference &&
          slot(
            1,
            <ReferenceChart reference={reference} colourOf={p.colourOf} labelOf={p.labelOf} />,
          )}
        {slot(2, <LossChart {...at(0)} />)}
      </FindingGroup>
      <FindingGroup n={2}>
        {slot(3, <GradChart {...at(2)} info={li} />)}
        {slot(4, <RatioChart {...at(3)} info={li} />)}
        {slot(5, <DriftChart {...at(6)} info={li} />)}
        {slot(6, <FamilyChartLive />)}
        <MoreCharts label="More on the gradients: every layer, over the whole run, and the first layer's filters as pictures">
          {slot(7, <LayerGradChart {...at(4)} info={li} />)}
          {slot(8, <LayerHeatmapChart {...at(5)} layers={layers} />)}
          {slot(9, <FiltersChart {...at(7)} />)}
        </MoreCharts>
      </FindingGroup>
      <FindingGroup n={3}>{slot(10, <MemoryChart {...at(8)} />)}</FindingGroup>
    </section>
  );
}
