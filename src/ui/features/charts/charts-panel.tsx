/**
 * The live charts: loss; ID vs OOD accuracy; embedding vs rest-of-model gradient norms (log)
 * and their ratio; how far each layer moved; memory per method. Each chart has its data as a
 * table. Rows come from series.ts; the store is read with narrow selectors, and charts refresh
 * one at a time (useStaggeredSnapshots), so no main-thread task renders more than one chart.
 */
import { cloneElement, memo, useEffect, useRef, useState, type ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { PAPER_METHODS } from '../../../core/optim/methods';
import { useSession, type MethodHistory } from '../../store/session-store';
import { DataTable } from './data-table';
import { colourOf } from './palette';
import { accuracyRows, driftRows, gradRows, lossRows, memoryRows, type Row } from './series';

type Methods = Record<string, MethodHistory>;

const LABELS: Record<string, string> = Object.fromEntries(PAPER_METHODS.map((m) => [m.id, m.label]));
const label = (id: string): string => LABELS[id] ?? id;
const W = 420;
const H = 220;
const CHARTS = 6;
/** One chart refreshes per tick, round robin: each chart every CHARTS x TICK_MS = 1.2 s. */
const TICK_MS = 200;

function Figure({ title, rows, children }: { title: string; rows: Row[]; children: ReactElement<{ width?: number; height?: number }> }) {
  // Fixed-size charts: no ResizeObserver-driven re-layout (measured as a main-thread cost).
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      {cloneElement(children, { width: W, height: H })}
      <DataTable rows={rows} caption={title} />
    </figure>
  );
}

function useStaggeredSnapshots(live: Methods): Methods[] {
  const latest = useRef(live);
  latest.current = live;
  const [snaps, setSnaps] = useState<Methods[]>(() => Array.from({ length: CHARTS }, () => ({})));
  useEffect(() => {
    let next = 0;
    const t = setInterval(() => {
      const i = next;
      next = (next + 1) % CHARTS;
      setSnaps((prev) => (prev[i] === latest.current ? prev : prev.map((p, j) => (j === i ? latest.current : p))));
    }, TICK_MS);
    return () => clearInterval(t);
  }, []);
  return snaps;
}

export function ChartsPanel() {
  const live = useSession((s) => s.methods);
  const loaded = useSession((s) => s.loaded);
  const snaps = useStaggeredSnapshots(live);
  const ids = Object.keys(live);
  if (!ids.length) return null;
  const worst = loaded?.oodMetric === 'worst-group-accuracy';
  return (
    <section aria-labelledby="charts-h" className="charts">
      <h2 id="charts-h">What happens while it trains</h2>
      <ul className="legend" aria-label="Colours of the methods">
        {ids.map((id, i) => (
          <li key={id}>
            <span className="swatch" style={{ background: colourOf(i) }} /> {label(id)}
          </li>
        ))}
        <li>solid: embedding layer / ID · dashed: rest of the model / OOD</li>
      </ul>
      <LossChart methods={snaps[0] as Methods} />
      <AccuracyChart methods={snaps[1] as Methods} worst={worst} />
      <GradChart methods={snaps[2] as Methods} />
      <RatioChart methods={snaps[3] as Methods} />
      <DriftChart methods={snaps[4] as Methods} layers={loaded?.layers ?? []} />
      <MemoryChart methods={snaps[5] as Methods} />
    </section>
  );
}

// Each chart returns null until its first snapshot arrives: charts mount one per tick too.

interface LineSpec {
  key: string;
  name: string;
  colour: string;
  dashed?: boolean;
}

/** A line chart over steps: the shape every time-series chart here shares. */
function StepLines({ title, rows, table, lines, log, unitRange }: { title: string; rows: Row[]; table?: Row[]; lines: LineSpec[]; log?: boolean; unitRange?: boolean }) {
  return (
    <Figure title={title} rows={table ?? rows}>
      <LineChart data={rows}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="step" type="number" />
        {log ? <YAxis scale="log" domain={['auto', 'auto']} allowDataOverflow /> : <YAxis domain={unitRange ? [0, 1] : ['auto', 'auto']} />}
        <Tooltip />
        {lines.map((l) => (
          <Line key={l.key} dataKey={l.key} name={l.name} stroke={l.colour} strokeDasharray={l.dashed ? '5 4' : undefined} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </Figure>
  );
}

/** Per method, a solid and a dashed line: `${id}:${solid}` and `${id}:${dashed}`. */
const pairs = (ids: string[], solid: string, dashed: string, names: [string, string]): LineSpec[] =>
  ids.flatMap((id, i) => [
    { key: `${id}:${solid}`, name: `${label(id)} ${names[0]}`, colour: colourOf(i) },
    { key: `${id}:${dashed}`, name: `${label(id)} ${names[1]}`, colour: colourOf(i), dashed: true },
  ]);

const LossChart = memo(function LossChart({ methods }: { methods: Methods }) {
  const ids = Object.keys(methods);
  if (!ids.length) return null;
  return <StepLines title="Training loss" rows={lossRows(methods)} lines={ids.map((id, i) => ({ key: id, name: label(id), colour: colourOf(i) }))} />;
});

const AccuracyChart = memo(function AccuracyChart({ methods, worst }: { methods: Methods; worst: boolean }) {
  const ids = Object.keys(methods);
  if (!ids.length) return null;
  const title = `Accuracy: in-distribution (solid) vs out-of-distribution${worst ? ', worst group' : ''} (dashed)`;
  return <StepLines title={title} rows={accuracyRows(methods, worst)} lines={pairs(ids, 'id', 'ood', ['ID', 'OOD'])} unitRange />;
});

const GradChart = memo(function GradChart({ methods }: { methods: Methods }) {
  const ids = Object.keys(methods);
  if (!ids.length) return null;
  const title = 'Gradient norm: embedding layer (solid) vs rest of the model (dashed), log scale';
  return <StepLines title={title} rows={gradRows(methods)} lines={pairs(ids, 'embed', 'rest', ['embed', 'rest'])} log />;
});

const RatioChart = memo(function RatioChart({ methods }: { methods: Methods }) {
  const ids = Object.keys(methods);
  if (!ids.length) return null;
  const rows = gradRows(methods);
  const table = rows.map((r): Row => ({ step: r.step ?? null, ...Object.fromEntries(ids.map((id) => [id, r[`${id}:ratio`] ?? null])) }));
  const lines = ids.map((id, i) => ({ key: `${id}:ratio`, name: label(id), colour: colourOf(i) }));
  return <StepLines title="Embedding / rest gradient-norm ratio" rows={rows} table={table} lines={lines} />;
});

const DriftChart = memo(function DriftChart({ methods, layers }: { methods: Methods; layers: readonly string[] }) {
  const ids = Object.keys(methods);
  if (!ids.length) return null;
  const rows = driftRows(methods, layers);
  return (
    <Figure title="How far each layer moved from its pretrained weights (‖w − w₀‖ / ‖w₀‖)" rows={rows}>
      <BarChart data={rows}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="layer" interval={0} angle={-30} textAnchor="end" height={60} />
        <YAxis />
        <Tooltip />
        {ids.map((id, i) => (
          <Bar key={id} dataKey={id} name={label(id)} fill={colourOf(i)} isAnimationActive={false} />
        ))}
      </BarChart>
    </Figure>
  );
});

const MemoryChart = memo(function MemoryChart({ methods }: { methods: Methods }) {
  if (!Object.keys(methods).length) return null;
  const rows = memoryRows(methods, {}); // short ids fit under the bars
  return (
    <Figure title="Training memory per method (MB): weights (blue), gradients (orange), optimizer state (green)" rows={rows}>
      <BarChart data={rows}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="method" />
        <YAxis />
        <Tooltip />
        <Bar dataKey="weights" stackId="m" fill={colourOf(0)} isAnimationActive={false} />
        <Bar dataKey="gradients" stackId="m" fill={colourOf(1)} isAnimationActive={false} />
        <Bar dataKey="state" name="optimizer state" stackId="m" fill={colourOf(2)} isAnimationActive={false} />
      </BarChart>
    </Figure>
  );
});
