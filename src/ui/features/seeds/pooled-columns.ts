/**
 * The results table's columns with every pooled method in them: a method that has run on some
 * seed but not on the seed the one-seed rows show (or a pool that fills only `seedRuns`) still
 * gets its column, empty in the one-seed rows, so its headline is never dropped.
 */
import type { Pooled } from '../../seeds/pooled';
import type { ResultColumn } from '../insight/results-rows';

export function withPooledColumns(
  columns: readonly ResultColumn[],
  pooled: Pooled,
  order: readonly string[],
): ResultColumn[] {
  const have = new Set(columns.map((c) => c.methodId));
  const extra = pooled.methods
    .filter((m) => !have.has(m.methodId))
    .map((m): ResultColumn => ({ methodId: m.methodId, best: null, final: null }));
  if (!extra.length) return [...columns];
  const rank = (id: string): number => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...columns, ...extra].sort((a, b) => rank(a.methodId) - rank(b.methodId));
}
