/**
 * The states of a training session (session.ts): one at a time, instead of flags that could
 * contradict each other. A run's pause gate and controller live in the state that has a run.
 */
import type { Command } from '../protocol/messages';
import { DeviceLostError } from './faults';
import type { PauseGate } from './pause-gate';
import type { RunController } from './run-controller';

/** A run in progress: its controller and its pause gate. */
export interface ActiveRun {
  readonly controller: RunController;
  readonly gate: PauseGate;
}

export type SessionStatus =
  /** Ready for anything (a model may be loaded, a run may have ended). */
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  /** A run: training, held between steps, or finishing its current step after a stop. */
  | { readonly kind: 'running' | 'paused' | 'stopping'; readonly run: ActiveRun }
  /** The GPU went away; `interrupted` is the run it cut short, which `continue` resumes. */
  | { readonly kind: 'device-lost'; readonly interrupted: RunController | null };

export type StatusKind = SessionStatus['kind'];

export const IDLE: SessionStatus = { kind: 'idle' };

const BUSY: readonly StatusKind[] = ['running', 'paused', 'stopping'];
const LOADING = 'A model or benchmark is still loading: wait for it.';
const LOST = 'The GPU device was lost: continue on another backend first.';

/**
 * The commands a state refuses, and what the refusal says (the first rule that applies). A
 * command not listed is taken in every state; what it then means is session.ts's switch.
 */
const REFUSALS: Partial<Record<Command['type'], readonly [readonly StatusKind[], string][]>> = {
  load: [
    [BUSY, 'A run is in progress: stop it before loading another model or benchmark.'],
    [['loading'], LOADING],
    [['device-lost'], LOST],
  ],
  start: [
    [BUSY, 'A run is already in progress.'],
    [['loading'], 'A model or benchmark is still loading: start when it is loaded.'],
    [['device-lost'], LOST],
  ],
  // Work on the device with what is loaded (an evaluation during a run is the run's to do).
  evaluate: [
    [['loading'], LOADING],
    [['device-lost'], LOST],
  ],
  'grad-norms': [
    [['loading'], LOADING],
    [['device-lost'], LOST],
  ],
  release: [[BUSY, 'Stop the run before releasing GPU memory.']],
  continue: [
    [BUSY, 'A run is in progress.'],
    [['loading'], LOADING],
  ],
};

/** The error a state answers a command with, or null when it takes the command. */
export function refusal(type: Command['type'], status: SessionStatus): Error | null {
  const rule = REFUSALS[type]?.find(([kinds]) => kinds.includes(status.kind));
  if (!rule) return null;
  return status.kind === 'device-lost' ? new DeviceLostError(rule[1]) : new Error(rule[1]);
}
