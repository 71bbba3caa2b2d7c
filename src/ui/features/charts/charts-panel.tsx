/**
 * The live charts: loss; ID vs OOD accuracy; embedding vs rest-of-model gradient norms (log)
 * and their ratio; how far each layer moved; memory per method. Each chart has its data as a
 * table. Rows come from series.ts; the store is read with one narrow selector per input.
 */
import { useDeferredValue, useMemo } from 'react';
import { useThrottledValue } from '../../hooks/use-throttled-value';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PAPER_METHODS } from '../../../core/optim/methods';
import { useSession } from '../../store/session-store';
import { DataTable } from './data-table';
import { colourOf } from './palette';
import { accuracyRows, driftRows, gradRows, lossRows, memoryRows, type Row } from './series';

const LABELS: Record<string, string> = Object.fromEntries(PAPER_METHODS.map((m) => [m.id, m.label]));
const label = (id: string): string => LABELS[id] ?? id;
const H = 220;

function Figure({ title, rows, children }: { title: string; rows: Row[]; children: React.ReactElement }) {
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={H}>
        {children}
      </ResponsiveContainer>
      <DataTable rows={rows} caption={title} />
    </figure>
  );
}

export function ChartsPanel() {
  // Charts follow the store at most twice a second, and render as a low-priority (interruptible)
  // update, so they never hold the main thread for long.
  const methods = useDeferredValue(useThrottledValue(useSession((s) => s.methods), 500));
  const loaded = useSession((s) => s.loaded);
  const ids = Object.keys(methods);
  const worst = loaded?.oodMetric === 'worst-group-accuracy';
  const loss = useMemo(() => lossRows(methods), [methods]);
  const grads = useMemo(() => gradRows(methods), [methods]);
  const acc = useMemo(() => accuracyRows(methods, worst), [methods, worst]);
  const drift = useMemo(() => driftRows(methods, loaded?.layers ?? []), [methods, loaded]);
  const memory = useMemo(() => memoryRows(methods, {}), [methods]); // short ids fit under the bars
  if (!ids.length) return null;
  return (
    <section aria-labelledby="charts-h" className="charts">
      <h2 id="charts-h">What happens while it trains</h2>
      <Figure title="Training loss" rows={loss}>
        <LineChart data={loss}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" />
          <YAxis />
          <Tooltip />
          <Legend />
          {ids.map((id, i) => (
            <Line key={id} dataKey={id} name={label(id)} stroke={colourOf(i)} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </Figure>
      <Figure title={`Accuracy: in-distribution (solid) vs out-of-distribution${worst ? ', worst group' : ''} (dashed)`} rows={acc}>
        <LineChart data={acc}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" />
          <YAxis domain={[0, 1]} />
          <Tooltip />
          <Legend />
          {ids.flatMap((id, i) => [
            <Line key={`${id}:id`} dataKey={`${id}:id`} name={`${label(id)} ID`} stroke={colourOf(i)} isAnimationActive={false} />,
            <Line key={`${id}:ood`} dataKey={`${id}:ood`} name={`${label(id)} OOD`} stroke={colourOf(i)} strokeDasharray="5 4" isAnimationActive={false} />,
          ])}
        </LineChart>
      </Figure>
      <Figure title="Gradient norm: embedding layer (solid) vs rest of the model (dashed), log scale" rows={grads}>
        <LineChart data={grads}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" />
          <YAxis scale="log" domain={['auto', 'auto']} allowDataOverflow />
          <Tooltip />
          <Legend />
          {ids.flatMap((id, i) => [
            <Line key={`${id}:embed`} dataKey={`${id}:embed`} name={`${label(id)} embed`} stroke={colourOf(i)} dot={false} isAnimationActive={false} />,
            <Line key={`${id}:rest`} dataKey={`${id}:rest`} name={`${label(id)} rest`} stroke={colourOf(i)} strokeDasharray="5 4" dot={false} isAnimationActive={false} />,
          ])}
        </LineChart>
      </Figure>
      <Figure title="Embedding / rest gradient-norm ratio" rows={grads.map((r): Row => ({ step: r.step ?? null, ...Object.fromEntries(ids.map((id) => [id, r[`${id}:ratio`] ?? null])) }))}>
        <LineChart data={grads}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" />
          <YAxis />
          <Tooltip />
          <Legend />
          {ids.map((id, i) => (
            <Line key={id} dataKey={`${id}:ratio`} name={label(id)} stroke={colourOf(i)} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </Figure>
      <Figure title="How far each layer moved from its pretrained weights (‖w − w₀‖ / ‖w₀‖)" rows={drift}>
        <BarChart data={drift}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="layer" interval={0} angle={-30} textAnchor="end" height={60} />
          <YAxis />
          <Tooltip />
          <Legend />
          {ids.map((id, i) => (
            <Bar key={id} dataKey={id} name={label(id)} fill={colourOf(i)} isAnimationActive={false} />
          ))}
        </BarChart>
      </Figure>
      <Figure title="Training memory per method (MB): weights, gradients, optimizer state" rows={memory}>
        <BarChart data={memory}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="method" />
          <YAxis />
          <Tooltip />
          <Legend />
          <Bar dataKey="weights" stackId="m" fill={colourOf(0)} isAnimationActive={false} />
          <Bar dataKey="gradients" stackId="m" fill={colourOf(1)} isAnimationActive={false} />
          <Bar dataKey="state" name="optimizer state" stackId="m" fill={colourOf(2)} isAnimationActive={false} />
        </BarChart>
      </Figure>
    </section>
  );
}
