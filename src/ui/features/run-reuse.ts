/**
 * Reusing finished methods: a comparison trains every method from the same weights, seed and
 * batches, so a method that already finished under exactly the same settings would train to
 * the same curves again. The guided mode adds one method per step (SGD; then SGD and AdamW;
 * ...): without reuse its five steps cost about ten method-runs, with it four. Pure: the
 * caller keeps the histories and sends the worker only what is new.
 */
import type { Config } from '../settings/settings-table';
import type { MethodHistory } from '../store/method-history';

/** Everything that shapes a method's run except which methods run (and the load-only parts, in loadKey). */
export function reuseKey(c: Config, loadKey: string): string {
  // `workers` changes where runs train, never what they compute (a pool run is bit-identical).
  const { methods: _methods, workers: _workers, ...rest } = c;
  return JSON.stringify([loadKey, rest]);
}

export interface ReusePlan {
  /** Methods whose finished histories are kept and shown. */
  keep: string[];
  /** Methods the worker trains now. */
  train: string[];
}

/**
 * Which of `wanted` can be kept: those that finished (not stopped, not failed) in the last run,
 * when that run had the same reuse key.
 */
export function planReuse(
  wanted: readonly string[],
  key: string,
  last: { key: string; methods: Record<string, MethodHistory> } | null,
): ReusePlan {
  if (!last || last.key !== key) return { keep: [], train: [...wanted] };
  const finished = (id: string): boolean => {
    const m = last.methods[id];
    return Boolean(m?.done && m.done.status === 'finished' && !m.failed);
  };
  return { keep: wanted.filter(finished), train: wanted.filter((id) => !finished(id)) };
}
