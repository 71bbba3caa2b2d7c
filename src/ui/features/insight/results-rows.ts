/**
 * The paper's results layout (pure): one column per method, cells "OOD [ID]" accuracy, one row
 * for the paper's model selection (the evaluation with the best ID accuracy: early stopping on
 * in-distribution validation) and one for the final weights. Filled as methods finish; a
 * running method shows its numbers so far, marked provisional.
 */
import type { EvalEvent } from '../../../protocol/messages';
import type { MethodHistory } from '../../store/method-history';
import { idAccuracy, oodAccuracy } from '../charts/series';
import { faultOf, faultText, type MethodFault } from '../faults/method-fault';

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
  /** The method stopped on its own (it diverged): no result, only where it stopped. */
  fault?: MethodFault;
}

const cell = (
  e: EvalEvent | null | undefined,
  worstGroup: boolean,
  provisional: boolean,
): ResultCell | null =>
  e
    ? { id: idAccuracy(e, worstGroup), ood: oodAccuracy(e, worstGroup), step: e.step, provisional }
    : null;

/** `order`: method ids in column order (the paper's first); methods not in it follow. */
export function resultColumns(
  methods: Record<string, MethodHistory>,
  order: readonly string[],
  worstGroup: boolean,
): ResultColumn[] {
  const ids = [
    ...order.filter((id) => id in methods),
    ...Object.keys(methods).filter((id) => !order.includes(id)),
  ];
  return ids.map((methodId) => {
    const m = methods[methodId] as MethodHistory;
    if (m.done)
      return {
        methodId,
        best: cell(m.done.best, worstGroup, false),
        final: cell(m.done.last, worstGroup, false),
      };
    const fault = faultOf(m);
    if (fault) return { methodId, best: null, final: null, fault };
    const evals = m.evals.filter((e) => e.epoch >= 0);
    // Best ID so far; the first of equals, as the engine's early stopping keeps it.
    const best = evals.reduce<EvalEvent | null>(
      (b, e) => (!b || e.id.accuracy > b.id.accuracy ? e : b),
      null,
    );
    return {
      methodId,
      best: cell(best, worstGroup, true),
      final: cell(evals.at(-1), worstGroup, true),
    };
  });
}

export const percent = (v: number): string => (Number.isFinite(v) ? (100 * v).toFixed(1) : '–');

/** "OOD [ID]" as the paper prints it; a method that stopped on its own: where and why. */
export function formatCell(c: ResultCell | null, fault?: MethodFault): string {
  if (fault) return faultText(fault);
  return c ? `${percent(c.ood)} [${percent(c.id)}]` : '–';
}

/** A method's recent training loss: the mean over its last tenth of steps (at least 5, at most 50). */
export function recentLoss(m: MethodHistory): number | null {
  const n = Math.max(5, Math.min(50, Math.floor(m.steps.length / 10)));
  const xs = m.steps
    .slice(-n)
    .map((s) => s.loss)
    .filter(Number.isFinite);
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** How far above the lowest recent loss a method may be before it is flagged as still training. */
export const LOSS_FLAG = { ratio: 1.5, gap: 0.2 } as const;

export interface ComparisonWarning {
  methodId: string;
  kind: 'undertrained' | 'failed';
  text: string;
}

/**
 * What makes a comparison unfair to read at face value: a method that stopped on its own (it
 * diverged), and a method whose training loss is still far above the others' (it has not
 * finished training, so its accuracy says more about how far it got than about the optimizer).
 */
export function comparisonWarnings(
  methods: Record<string, MethodHistory>,
  labelOf: (id: string) => string,
): ComparisonWarning[] {
  const out: ComparisonWarning[] = [];
  const losses = Object.entries(methods)
    .filter(([, m]) => !m.failed)
    .map(([id, m]) => [id, recentLoss(m)] as const)
    .filter((e): e is readonly [string, number] => e[1] !== null);
  const lowest = Math.min(...losses.map(([, l]) => l));
  for (const [id, m] of Object.entries(methods)) {
    if (m.failed)
      out.push({
        methodId: id,
        kind: 'failed',
        text: `${labelOf(id)} stopped on its own${m.failed.step !== undefined ? ` at step ${m.failed.step}` : ''} (${m.failed.message.replace(/\s+$/, '')}); the other methods went on.`,
      });
  }
  if (losses.length < 2) return out;
  for (const [id, l] of losses) {
    if (l > lowest * LOSS_FLAG.ratio && l - lowest > LOSS_FLAG.gap) {
      out.push({
        methodId: id,
        kind: 'undertrained',
        text: `${labelOf(id)} has not finished training (recent loss ${l.toFixed(2)} against ${lowest.toFixed(2)} for the lowest): compare with care.`,
      });
    }
  }
  return out;
}
