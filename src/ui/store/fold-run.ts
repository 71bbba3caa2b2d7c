/**
 * A run event folded into one seed's method histories (method id -> history), or null for an
 * event that is not about a method's run. Shared by the page's one run (`methods`) and the
 * worker pool's seeds (`seedRuns[seed]`); arrays are replaced, never mutated.
 */
import type { StepEvent } from '../../protocol/messages';
import type { ClientEvent } from '../worker-client/training-client';
import { withEvents } from './method-history-bounds';
import type { MethodHistory } from './method-history';

type Runs = Record<string, MethodHistory>;

const method = (runs: Runs, id: string): MethodHistory => runs[id] ?? { steps: [], evals: [] };

export function foldRun(runs: Runs, e: ClientEvent): Runs | null {
  switch (e.type) {
    case 'metrics': {
      // One new array per method and batch (not per step event): a batch holds many steps.
      const byMethod = new Map<string, StepEvent[]>();
      for (const { methodId, event } of e.steps)
        (byMethod.get(methodId) ?? byMethod.set(methodId, []).get(methodId)!).push(event);
      const out = { ...runs };
      for (const [id, steps] of byMethod) out[id] = withEvents(method(runs, id), steps, []);
      return out;
    }
    case 'eval':
      return { ...runs, [e.methodId]: withEvents(method(runs, e.methodId), [], [e.event]) };
    case 'memory':
      return {
        ...runs,
        [e.methodId]: {
          ...method(runs, e.methodId),
          memory: { accounting: e.accounting, measured: e.measured },
        },
      };
    case 'method-done':
      return { ...runs, [e.methodId]: { ...method(runs, e.methodId), done: e.event } };
    case 'error':
      if (!e.methodId) return null;
      return {
        ...runs,
        [e.methodId]: {
          ...method(runs, e.methodId),
          failed: { message: e.error.message, step: e.step, kind: e.kind },
        },
      };
    default:
      return null;
  }
}
