/** A pool of seeds (a class's) as a table: one column per method, the headline row of the results table. */
import type { Pooled } from '../../seeds/pooled';
import { SeedHeadlineRow } from './seed-headline-row';

export function PooledTable({
  pooled,
  labelOf,
  caption,
}: {
  pooled: Pooled;
  labelOf: (id: string) => string;
  caption: string;
}) {
  const ids = pooled.methods.map((m) => m.methodId);
  return (
    <table className="results" data-testid="pooled-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">seeds</th>
          {ids.map((id) => (
            <th key={id} scope="col">
              {labelOf(id)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <SeedHeadlineRow
          methodIds={ids}
          pooled={pooled}
          label={`${pooled.seeds.length} seeds, best ID`}
        />
      </tbody>
    </table>
  );
}
