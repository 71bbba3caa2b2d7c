/**
 * The paper's results layout (pure): one column per method, cells "OOD [ID]" accuracy, one row
 * for the paper's model selection (the evaluation with the best ID accuracy: early stopping on
 * in-distribution validation) and one for the final weights. Filled as methods finish; a
 * running method shows its numbers so far, marked provisional.
 */
import type { EvalEvent } from '../../../core/train/events';
import type { MethodHistory } from '../../store/session-store';
import { idAccuracy, oodAccuracy } from '../charts/series';

export interface ResultCell {
  /** Accuracies in [0, 1]. */
  id: number;
  ood: number;
  step: number;
  /** The method has not finished: numbers so far. */
  provisional: boolean;
}

export interface ResultColumn {
  methodId: string;
  best: ResultCell | null;
  final: ResultCell | null;
}

const cell = (e: EvalEvent | null | undefined, worstGroup: boolean, provisional: boolean): ResultCell | null =>
  e ? { id: idAccuracy(e, worstGroup), ood: oodAccuracy(e, worstGroup), step: e.step, provisional } : null;

/** `order`: method ids in column order (the paper's first); methods not in it follow. */
export function resultColumns(methods: Record<string, MethodHistory>, order: readonly string[], worstGroup: boolean): ResultColumn[] {
  const ids = [...order.filter((id) => id in methods), ...Object.keys(methods).filter((id) => !order.includes(id))];
  return ids.map((methodId) => {
    const m = methods[methodId] as MethodHistory;
    if (m.done) return { methodId, best: cell(m.done.best, worstGroup, false), final: cell(m.done.last, worstGroup, false) };
    const evals = m.evals.filter((e) => e.epoch >= 0);
    // Best ID so far; the first of equals, as the engine's early stopping keeps it.
    const best = evals.reduce<EvalEvent | null>((b, e) => (!b || e.id.accuracy > b.id.accuracy ? e : b), null);
    return { methodId, best: cell(best, worstGroup, true), final: cell(evals.at(-1), worstGroup, true) };
  });
}

export const percent = (v: number): string => (Number.isFinite(v) ? (100 * v).toFixed(1) : '–');

/** "OOD [ID]" as the paper prints it. */
export function formatCell(c: ResultCell | null): string {
  return c ? `${percent(c.ood)} [${percent(c.id)}]` : '–';
}
