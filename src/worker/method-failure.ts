/**
 * How one method of a run fails (run-controller.ts): alone, with its id, while the other
 * methods go on, unless the failure was really the GPU going away (then the session reports
 * it once, and the method is abandoned).
 */
import type { ErrorEvent } from '../core/train/events';
import type { Turnstile } from '../core/train/turnstile';
import type { MethodSpec } from '../protocol/messages';
import type { RunHost } from './run-host';

/** Method `i`'s run ended in an error: it stops alone and the others go on (the message says so), unless the device is going. */
export async function failAlone(
  host: RunHost,
  method: MethodSpec,
  err: ErrorEvent,
  turnstile: Turnstile,
  i: number,
): Promise<'failed' | 'abandoned'> {
  if (await host.deviceLostSoon(err.error)) return 'abandoned'; // the session reports it
  const others = turnstile.remaining.filter((j) => j !== i).length;
  const message = `${method.label} stopped at step ${err.step}: ${err.error.message}${others ? ' The other methods go on.' : ''}`;
  host.fail(Object.assign(new Error(message), { name: err.error.name }), {
    methodId: method.id,
    step: err.step,
  });
  return 'failed';
}

/** Failures outside the training loop (building the model, a snapshot, an evaluation). */
export async function failOutside(
  host: RunHost,
  e: unknown,
  method: MethodSpec,
): Promise<'failed' | 'abandoned'> {
  if (!host.live()) return 'abandoned';
  if (
    !(await host.deviceLostSoon({
      name: (e as Error).name ?? 'Error',
      message: (e as Error).message ?? String(e),
    }))
  )
    host.fail(e, { methodId: method.id });
  return 'failed';
}
