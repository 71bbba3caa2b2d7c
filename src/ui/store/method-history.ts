/**
 * A method's run as the page holds it in memory: its step and evaluation events (thinned when
 * long: method-history-bounds.ts), memory, end or failure. The session slice keeps one per
 * method (and per seed); a saved run (ui/saved-runs) is stored from one and reopens into one.
 */
import type {
  DoneEvent,
  ErrorKind,
  EvalEvent,
  MeasuredMemory,
  MemoryAccount,
  StepEvent,
} from '../../protocol/messages';

export interface MethodHistory {
  steps: StepEvent[];
  evals: EvalEvent[];
  memory?: { accounting: MemoryAccount; measured: MeasuredMemory };
  done?: DoneEvent;
  /** Why this method stopped on its own (e.g. it diverged) while the others went on. */
  failed?: { message: string; step?: number; kind?: ErrorKind };
  /** Older steps and evaluations are kept every `stride`-th step (method-history-bounds.ts); absent: all. */
  stride?: { steps: number; evals: number };
  /**
   * Step and evaluation events received in all, thinned ones included (absent: the arrays'
   * lengths). New events are always the last ones, so this tells a saver what came since it saved.
   */
  received?: { steps: number; evals: number };
}
