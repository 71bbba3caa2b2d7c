/** Each pasted code's fate in "Pool a class": accepted (with the seeds it added and any counted once), or refused with its reason. */
import type { CodeVerdict } from '../../seeds/class-pool';

const seedsText = (xs: readonly number[]): string => xs.join(', ');

function verdictText(v: CodeVerdict): string {
  if (!v.accepted) return `refused: ${v.reason ?? 'unreadable'}.`;
  const parts = [
    v.added.length
      ? `added seed${v.added.length === 1 ? '' : 's'} ${seedsText(v.added)}`
      : 'added no new seed',
  ];
  if (v.duplicates.length)
    parts.push(`already pooled with the same result, counted once: ${v.duplicates.join(', ')}`);
  if (v.conflicts.length)
    parts.push(
      `already pooled with a DIFFERENT result, the first kept (another backend, or an edited code): ${v.conflicts.join(', ')}`,
    );
  return `accepted: ${parts.join('; ')}.`;
}

export function PoolVerdicts({ verdicts }: { verdicts: readonly CodeVerdict[] }) {
  if (!verdicts.length) return null;
  const refused = verdicts.filter((v) => !v.accepted).length;
  return (
    <div role="status" data-testid="pool-verdicts">
      <p>
        {verdicts.length - refused} of {verdicts.length} code{verdicts.length === 1 ? '' : 's'}{' '}
        accepted{refused ? `, ${refused} refused` : ''}.
      </p>
      <ol>
        {verdicts.map((v) => (
          <li key={v.index} data-accepted={v.accepted} className={v.accepted ? undefined : 'error'}>
            <code>{v.preview}</code> {verdictText(v)}
          </li>
        ))}
      </ol>
    </div>
  );
}
