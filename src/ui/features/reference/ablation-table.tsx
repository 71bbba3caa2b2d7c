/**
 * "What else did the paper try?": its ablation table (CLIP ViT-B/16) beside ours at micro scale,
 * recorded by the PyTorch twin (public/reference/ablation.json), and which of its orderings
 * reproduce. A fixed table, not this page's runs.
 */
import type { Ablation, AblationRow } from '../../reference/ablation-data';
import { pctInterval } from '../../reference/reference-data';
import { useAblation } from '../../reference/use-ablation';

/**
 * "88.2 ± 0.5 [88.3] n = 5" in percent: OOD with its 90% interval, [ID], seeds; a row quoted from
 * the recorded full experiment says so; a method that ran without finishing says how far it got.
 */
function cell(r: AblationRow | undefined, notFinished: string | undefined): string {
  if (!r) return notFinished ?? 'not run';
  return `${pctInterval(r.ood)} [${(100 * r.id.mean).toFixed(1)}] n = ${r.ood.n}${r.source === 'reference' ? ' (recorded reference)' : ''}`;
}

const paperCell = (ood: number | null, id: number | null): string =>
  ood === null ? '—' : id === null ? ood.toFixed(1) : `${ood.toFixed(1)} [${id.toFixed(1)}]`;

const verdict = (holds: boolean | null): string =>
  holds === null ? 'not run' : holds ? 'reproduces' : 'does not';

export function AblationTableView({ ablation }: { ablation: Ablation }) {
  const benches = ablation.benchmarks;
  return (
    <section aria-labelledby="ablation-h" data-testid="ablation-table">
      <h2 id="ablation-h">{ablation.title}</h2>
      <p className="muted">{ablation.about}</p>
      <table>
        <caption>OOD accuracy, mean ± 90% interval over seeds [ID], % (best-ID epoch)</caption>
        <thead>
          <tr>
            <th scope="col">method</th>
            <th scope="col">paper (CLIP ViT-B/16)</th>
            {benches.map((b) => (
              <th scope="col" key={b.name} title={b.title}>
                {b.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ablation.methods.map((m) => (
            <tr key={m.id} data-method={m.id}>
              <th scope="row">{m.label}</th>
              <td>{paperCell(m.paperOod, m.paperId)}</td>
              {benches.map((b) => (
                <td key={b.name} data-bench={b.name}>
                  {cell(b.rows[m.id], b.notFinished?.[m.id])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>The paper&apos;s orderings, here (a direction counts only with the intervals apart)</h3>
      <ul>
        {ablation.orderings.map((o) => (
          <li key={o.claim} data-claim={o.claim}>
            {o.claim}:{' '}
            {benches.map((b) => {
              const v = o.on[b.name];
              return v ? `${b.name}: ${verdict(v.holds)} (${v.words}). ` : '';
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The recorded table once its file has loaded; nothing if it is missing or malformed. */
export function AblationTable() {
  const ablation = useAblation();
  return ablation ? <AblationTableView ablation={ablation} /> : null;
}
