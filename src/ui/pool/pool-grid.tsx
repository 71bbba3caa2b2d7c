/**
 * The worker pool near the Train button: how many workers, why fewer than asked (memory,
 * cores, runs), and a compact grid of the comparison's runs, seed x method, each cell its
 * step / total, or queued, loading, done, diverged, failed.
 */
import { METHOD_CATALOG } from '../../presets/method-catalog';
import type { PoolCell, PoolView } from '../store/pool-slice';
import { useStore } from '../store/store';

const label = (id: string): string => METHOD_CATALOG.find((m) => m.id === id)?.label ?? id;

function cellText(c: PoolCell): string {
  switch (c.state) {
    case 'queued':
    case 'loading':
      return c.state;
    case 'running':
      return `${c.step}/${c.total || '?'}`;
    case 'done':
      return `done ${c.step}`;
    case 'stopped':
      return `stopped ${c.step}`;
    case 'diverged':
      return `diverged ${c.step}`;
    case 'failed':
      return 'failed';
  }
}

export function PoolGrid() {
  const pool = useStore((s) => s.pool);
  return pool ? <PoolGridView pool={pool} /> : null;
}

/** The grid for a pool view (a plain function of it: tests render it server-side). */
export function PoolGridView({ pool }: { pool: PoolView }) {
  const seeds = [...new Set(pool.cells.map((c) => c.seed))];
  const methods = [...new Set(pool.cells.map((c) => c.methodId))];
  const cell = (seed: number, m: string): PoolCell | undefined =>
    pool.cells.find((c) => c.seed === seed && c.methodId === m);
  return (
    <div className="pool" data-testid="pool" data-size={pool.size}>
      <p className="note">
        {pool.size} parallel training worker{pool.size === 1 ? '' : 's'}, {pool.cells.length} runs
        {pool.note && (
          <span role="note" data-testid="pool-note">
            {' '}
            · {pool.note}
          </span>
        )}
      </p>
      <table className="pool-grid" aria-label="Runs by seed and method">
        <thead>
          <tr>
            <th scope="col">seed</th>
            {methods.map((m) => (
              <th key={m} scope="col">
                {label(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {seeds.map((seed) => (
            <tr key={seed}>
              <th scope="row">{seed}</th>
              {methods.map((m) => {
                const c = cell(seed, m);
                return (
                  <td
                    key={m}
                    data-seed={seed}
                    data-method={m}
                    data-state={c?.state ?? 'kept'}
                    title={c ? `worker ${c.worker + 1}` : 'kept from the last run'}
                  >
                    {c ? cellText(c) : 'kept'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
