/**
 * A worker crash the page always hears. The page learns of a dead worker only through the
 * Worker's `error` event (ui/worker-client/training-client.ts), which an uncaught throw fires. A promise rejected with
 * nobody awaiting it fires no such event in Chromium: the worker goes on half-dead, and a wait on
 * it (the e2e crash test's, or a class's run) would last for ever. So a rejection nobody handles
 * is rethrown as an uncaught error, and reaches the page like any other crash, in one task.
 */

/** The Error a rejection's reason becomes (a reason need not be an Error). */
export function crashError(reason: unknown): Error {
  if (reason instanceof Error) return reason;
  return new Error(
    `unhandled rejection in the training worker: ${typeof reason === 'string' ? reason : (JSON.stringify(reason) ?? String(reason))}`,
  );
}

/** What the worker's global scope needs here (a fake in tests). */
export interface RejectionSource {
  addEventListener(type: 'unhandledrejection', listener: (ev: { reason: unknown }) => void): void;
}

/** From now on, an unhandled rejection in `scope` is an uncaught error: a crash. */
export function reportUnhandledRejections(scope: RejectionSource): void {
  scope.addEventListener('unhandledrejection', (ev) => {
    throw crashError(ev.reason);
  });
}

/**
 * The e2e hook's crash, outside any handler as a real one would be: an uncaught throw from a
 * timer, or a rejection nobody awaits (e.g. a GPU readback's promise dropped mid-step).
 */
export function crashForTest(how: 'throw' | 'reject'): void {
  if (how === 'reject') {
    void Promise.reject(new Error('test crash requested (an unhandled rejection)'));
    return;
  }
  setTimeout(() => {
    throw new Error('test crash requested');
  });
}
