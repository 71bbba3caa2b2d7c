import type { SessionSlice } from '../store/session-slice';
import { useStore } from '../store/store';
import { faultOf, faultText, lossText } from './faults/method-fault';

const f3 = (v: number | null | undefined): string =>
  v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(3);
const pct = (v: number | undefined): string =>
  v === undefined || Number.isNaN(v) ? '–' : `${(100 * v).toFixed(1)}%`;

/** One row per method: latest loss and gradient norms, latest evaluation, embedding drift. */
export function MethodTable() {
  const methods = useStore((s) => s.methods);
  const loaded = useStore((s) => s.loaded);
  return <MethodTableView methods={methods} loaded={loaded} />;
}

/** One method's row: its latest step (or why it stopped), gradient norms, evaluation and drift. */
function MethodRow({
  id,
  m,
  loaded,
  embed,
}: {
  id: string;
  m: SessionSlice['methods'][string] | undefined;
  loaded: SessionSlice['loaded'];
  embed: string;
}) {
  const s = m?.steps.at(-1);
  const e = m?.evals.at(-1);
  const g = s?.gradNorms.perGroup;
  const rest = g && g.body !== null ? Math.hypot(g.body, g.head ?? 0) : null;
  // A method that stopped on its own says so where its step and loss would go on.
  const fault = faultOf(m);
  return (
    <tr
      data-method={id}
      {...(fault ? { 'data-fault': fault.diverged ? 'diverged' : fault.kind } : {})}
    >
      <th scope="row">{id}</th>
      <td>{fault ? faultText(fault) : (s?.step ?? 0)}</td>
      <td className={fault?.diverged ? 'diverged' : undefined}>
        {lossText(s?.loss)}
        {fault?.diverged && ' (diverged)'}
      </td>
      <td>{g?.embed === null ? 'frozen' : f3(g?.embed)}</td>
      <td>{f3(rest)}</td>
      <td>{pct(e?.id.accuracy)}</td>
      <td>
        {pct(loaded?.oodMetric === 'worst-group-accuracy' ? e?.ood.worstGroup : e?.ood.accuracy)}
      </td>
      <td>{f3(e?.drift[embed])}</td>
      <td>{m?.memory ? m.memory.accounting.bytesPerParam.toFixed(2) : '–'}</td>
    </tr>
  );
}

/** Store-free (tests render it directly). */
export function MethodTableView({
  methods,
  loaded,
}: {
  methods: SessionSlice['methods'];
  loaded: SessionSlice['loaded'];
}) {
  const ids = Object.keys(methods);
  if (!ids.length) return null;
  const embed = loaded?.embedLayers[0] ?? '';
  return (
    <table data-testid="methods">
      <caption>Per method: the latest step and the latest evaluation</caption>
      <thead>
        <tr>
          <th scope="col">method</th>
          <th scope="col">step</th>
          <th scope="col">loss</th>
          <th scope="col">grad norm: embed</th>
          <th scope="col">grad norm: rest</th>
          <th scope="col">ID accuracy</th>
          <th scope="col">
            OOD accuracy{loaded?.oodMetric === 'worst-group-accuracy' ? ' (worst group)' : ''}
          </th>
          <th scope="col">embedding moved (‖w−w₀‖/‖w₀‖)</th>
          <th scope="col">bytes / parameter</th>
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => (
          <MethodRow key={id} id={id} m={methods[id]} loaded={loaded} embed={embed} />
        ))}
      </tbody>
    </table>
  );
}
