/** A rejection nobody handles in the worker becomes an uncaught error: a crash the page hears. */
import { describe, expect, it, vi } from 'vitest';
import {
  crashError,
  crashForTest,
  reportUnhandledRejections,
  type RejectionSource,
} from '../../../src/worker/crash-report';

/** The worker scope's unhandledrejection listeners, called as the browser would. */
function scope(): RejectionSource & { fire: (reason: unknown) => void } {
  const listeners: ((ev: { reason: unknown }) => void)[] = [];
  return {
    addEventListener: (_type, l) => void listeners.push(l),
    fire: (reason) => listeners.forEach((l) => l({ reason })),
  };
}

describe('crash report', () => {
  it('an unhandled rejection is rethrown from its event: the uncaught error that reaches Worker.onerror', () => {
    const s = scope();
    reportUnhandledRejections(s);
    const boom = new Error('a readback dropped mid-step');
    expect(() => s.fire(boom)).toThrow(boom);
    expect(() => s.fire('not an Error')).toThrow(
      'unhandled rejection in the training worker: not an Error',
    );
    expect(() => s.fire({ code: 7 })).toThrow(
      'unhandled rejection in the training worker: {"code":7}',
    );
  });

  it('crashError keeps an Error and names any other reason', () => {
    const e = new TypeError('x');
    expect(crashError(e)).toBe(e);
    expect(crashError(undefined).message).toBe(
      'unhandled rejection in the training worker: undefined',
    );
  });

  it("the test hook's crashes: a timer's uncaught throw, or a rejection nobody awaits", async () => {
    let scheduled: (() => void) | null = null;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void) => {
      scheduled = fn;
      return 0;
    }) as typeof setTimeout);
    crashForTest('throw');
    vi.restoreAllMocks();
    expect(() => (scheduled as unknown as () => void)()).toThrow('test crash requested');
    // The rejection: caught here by a stand-in for Promise.reject, which is what leaves it unhandled.
    const rejected: unknown[] = [];
    vi.spyOn(Promise, 'reject').mockImplementation((reason?: unknown) => {
      rejected.push(reason);
      return Promise.resolve() as Promise<never>;
    });
    crashForTest('reject');
    vi.restoreAllMocks();
    expect(rejected).toEqual([new Error('test crash requested (an unhandled rejection)')]);
  });
});
