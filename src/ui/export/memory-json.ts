/**
 * A method's memory in the Metrics JSON (version 3). The page holds, per method, the engine's
 * accounting and `measured`: tf.memory() of the whole worker when the method started, which
 * counts every model, dataset and pooled buffer alive then (5.9 MB for a method that uses
 * 1.65 MB). The file says what the method itself uses, accounted and measured (the peak over
 * its steps of its weights, optimizer state and the step's gradients: StepEvent.trainingBytes),
 * and keeps the worker-wide figure under a name that says what it is.
 */
import type { MeasuredMemory, MemoryAccount, StepEvent } from '../../protocol/messages';
import { peakTrainingBytes } from '../features/charts/series';
import type { MethodHistory } from '../store/method-history';

export interface ExportedMemory {
  /** The engine's bytes per group and in total (weights, gradients, optimizer state). */
  accounting: MemoryAccount;
  /** What this method uses, in bytes: accounted (weights + gradients + optimizer state), and measured (null: not measured). */
  method: { accountedBytes: number; measuredPeakBytes: number | null };
  /** tf.memory() of the whole worker when the method started: not this method's alone. */
  workerAtStart: MeasuredMemory;
}

type Held = NonNullable<MethodHistory['memory']>;

export function exportedMemory(m: Held, steps: readonly StepEvent[]): ExportedMemory {
  const t = m.accounting.total;
  return {
    accounting: m.accounting,
    method: {
      accountedBytes: t.weightBytes + t.gradBytes + t.stateBytes,
      measuredPeakBytes: peakTrainingBytes({ steps: [...steps], evals: [] }),
    },
    workerAtStart: m.measured,
  };
}

/** A file's method memory (version 3, or version 2's as the page held it) back into the page's shape. */
export function memoryOf(m: ExportedMemory | Held | undefined): Held | undefined {
  if (!m) return undefined;
  return 'workerAtStart' in m ? { accounting: m.accounting, measured: m.workerAtStart } : m;
}
