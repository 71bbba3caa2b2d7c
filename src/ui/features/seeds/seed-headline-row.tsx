/**
 * The results table's headline row: each method's mean OOD ± 90% interval over the seeds that
 * have finished, with n and the mean ID beside it; seeds without a number (diverged, still
 * running) are counted under it. A <tr> for the table in results-table.tsx.
 */
import type { Pooled } from '../../seeds/pooled';
import { allDivergedText, meanText, notCountedText } from '../../seeds/format';

export function SeedHeadlineRow({
  methodIds,
  pooled,
  label,
}: {
  methodIds: readonly string[];
  pooled: Pooled;
  label: string;
}) {
  return (
    <tr className="pooled-row" data-testid="results-pooled">
      <th scope="row">{label}</th>
      {methodIds.map((id) => {
        const m = pooled.methods.find((x) => x.methodId === id);
        const rest = m ? notCountedText(m) : '';
        return (
          <td key={id} data-method={id} data-n={m?.ood.n ?? 0}>
            {m && m.ood.n > 0 ? (
              <>
                <strong data-testid="pooled-ood">{meanText(m.ood)}</strong>{' '}
                <span className="muted">n = {m.ood.n}</span> [ID {meanText(m.id)}]
              </>
            ) : m && m.running === 0 && m.stopped === 0 && m.diverged.length > 0 ? (
              // A fault is a fault, never a number (#22): every seed of this method diverged.
              <strong className="fault" data-fault="diverged">
                {allDivergedText(m)}
              </strong>
            ) : (
              'no seed finished yet'
            )}
            {rest && !(m && m.ood.n === 0 && m.running === 0 && m.stopped === 0) && (
              <span className="muted"> ({rest})</span>
            )}
          </td>
        );
      })}
    </tr>
  );
}
