/**
 * The paper's two comparisons over the seeds, each as its paired difference (the same seed for
 * both methods): AdamW − SGD and SGD freeze-embed − AdamW, with the 90% interval, "ahead on k of
 * n seeds", and, where the interval includes 0, a sentence saying so.
 */
import type { PooledPair } from '../../seeds/pooled';
import { pairSentence } from '../../seeds/format';

export function PairedDifferences({
  pairs,
  labelOf,
  testId = 'paired',
}: {
  pairs: readonly PooledPair[];
  labelOf: (id: string) => string;
  /** The list's data-testid: the recorded experiment's list has its own, so the live one stays unique. */
  testId?: string;
}) {
  if (!pairs.length) return null;
  return (
    <ul className="paired" data-testid={testId}>
      {pairs.map((p) => (
        <li
          key={`${p.a}-${p.b}`}
          data-pair={`${p.a}-${p.b}`}
          data-n={p.ood.n}
          data-ahead={p.ood.ahead}
          data-includes-zero={p.ood.includesZero}
        >
          {pairSentence(p, labelOf)}
        </li>
      ))}
    </ul>
  );
}
