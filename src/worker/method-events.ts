/**
 * One method's training events on their way to the page (run-controller.ts): steps with the
 * run's progress, evaluations once their filters are read back, its end queued behind them,
 * and what the method's memory is; an error event is kept for the end of the method's run.
 */
import type { ModelDef } from '../core/models/model';
import { measureMemory } from '../core/metrics/memory';
import type { ModelInstance } from '../core/models/instance';
import type { ErrorEvent, RunEvent } from '../core/train/events';
import type { Turnstile } from '../core/train/turnstile';
import type { MethodSpec } from '../protocol/messages';
import { accountMemory } from '../spec/memory-account';
import type { OrderedSends } from './eval-filters';
import type { RunHost, RunStatus } from './run-host';

/** How a method's run ended, as its events told: a stop, or the error it failed with. */
export interface MethodOutcome {
  failed: ErrorEvent | null;
  status: RunStatus;
}

/** What a method's event sink sends through, and where it notes the outcome. */
export interface EventSinkContext {
  host: RunHost;
  method: MethodSpec;
  /** The method's index in the run's spec. */
  i: number;
  m: ModelInstance;
  /** The method's total steps. */
  perMethod: number;
  turnstile: Turnstile;
  /** Counts a step and answers the run's ETA in ms. */
  onStep: (step: number) => number;
  outbox: OrderedSends;
  outcome: MethodOutcome;
}

/** The memory a method will take (accounted) and what the backend holds now (measured). */
export function sendMethodMemory(host: RunHost, def: ModelDef, method: MethodSpec): void {
  const accounting = accountMemory(def, method.optimizer, new Set(method.freeze));
  host.batcher.send({
    type: 'memory',
    methodId: method.id,
    accounting,
    measured: measureMemory(),
  });
}

/** The `onEvent` hook of a method's runTraining: nothing goes out once the host is not live. */
export function methodEventSink(c: EventSinkContext): (e: RunEvent) => void {
  const { host, method, i, m, perMethod, turnstile, onStep, outbox, outcome } = c;
  return (e) => {
    if (!host.live()) return;
    if (e.type === 'step') {
      const etaMs = onStep(e.step);
      host.batcher.step(method.id, e, {
        methodId: method.id,
        methodIndex: i,
        methods: turnstile.remaining.length,
        step: e.step,
        totalSteps: perMethod,
        etaMs,
      });
    } else if (e.type === 'eval') {
      outbox.eval(m, e, (event) => host.batcher.send({ type: 'eval', methodId: method.id, event }));
    } else if (e.type === 'done') {
      outbox.later(() => host.batcher.send({ type: 'method-done', methodId: method.id, event: e }));
      if (e.status === 'stopped') outcome.status = 'stopped';
    } else {
      outcome.failed = e;
    }
  };
}
