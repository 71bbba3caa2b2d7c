/**
 * What a run of the worker (run-controller.ts) keeps and talks through: a method's snapshot
 * (weights and optimizer state, to continue after a lost GPU), a finished method's final
 * weights (for export), the run's status, and the host the session lends each attempt (the
 * event batcher, the pause gate, whether the attempt is still live, how failures are reported).
 */
import type { OptimizerState } from '../core/optim/optimizer';
import type { WorkerEvent } from '../protocol/messages';
import type { EventBatcher } from './event-batcher';
import type { PauseGate } from './pause-gate';

/** A method's weights and optimizer state at `step` (host copies). */
export interface MethodSnapshot {
  step: number;
  weights: Map<string, Float32Array>;
  /** Absent at step 0 (a fresh optimizer). */
  optimizer?: OptimizerState;
}

/** A finished method's weights (host copies, for export) and the steps it trained. */
export interface FinalWeights {
  weights: Map<string, Float32Array>;
  steps: number;
}

export type RunStatus = 'finished' | 'stopped' | 'failed';

export interface RunHost {
  batcher: EventBatcher;
  gate: PauseGate;
  /** False once the run is abandoned (device lost): nothing more may be sent or kept. */
  live: () => boolean;
  /** Reports a method's failure (the session adds the kind and advice). */
  fail: (e: unknown, extra: Partial<Extract<WorkerEvent, { type: 'error' }>>) => void;
  /** Whether a failure was really the GPU going away (then the session reports it, once). */
  deviceLostSoon: (error: { name: string; message: string }) => Promise<boolean>;
}
