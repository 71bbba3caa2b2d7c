/** Bounded histories: recent steps in full, older ones thinned on a power-of-two stride, few filter pictures; in the session store as a run streams. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { EvalEvent, StepEvent } from '../../../src/core/train/events';
import {
  appendThinned,
  HISTORY_LIMITS,
  keepFilters,
  withEvents,
} from '../../../src/ui/store/method-history-bounds';
import { resetSession, useStore } from '../../../src/ui/store/store';
import { fakeRunEvents, loadedInfoOf, vitDef } from '../../helpers/fake-run';

const ev = (step: number) => ({ step });
const steps = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ev(from + i));
const evalAt = (step: number, filters: boolean): EvalEvent => ({
  type: 'eval',
  step,
  epoch: 0,
  id: { n: 1, accuracy: 1 },
  ood: { n: 1, accuracy: 1 },
  drift: {},
  ...(filters ? { filters: { param: 'w', shape: [1], values: [step] } } : {}),
});

describe('history bounds', () => {
  it('keeps everything up to recent + older events, then the recent window in full and the older part on a stride', () => {
    expect(appendThinned(steps(1, 5), steps(6, 8), 1, 4, 4)).toEqual({
      items: steps(1, 8),
      stride: 1,
    });
    const { items, stride } = appendThinned([], steps(1, 1000), 1, 100, 50);
    expect(items.slice(-100)).toEqual(steps(901, 1000)); // the recent window, untouched
    const older = items.slice(0, -100);
    expect(older.length).toBeLessThanOrEqual(50);
    expect(stride).toBe(32); // 900 older steps: the first + 28 on a stride of 32 (the first + 56 on 16 is over 50)
    expect(older[0]).toEqual(ev(1)); // the first step is always kept (the pretrained weights' norms)
    for (const e of older.slice(1)) expect(e.step % stride).toBe(0);
  });

  it('gives the same history however the events were batched (so a reassembled record equals the page)', () => {
    const all = steps(1, 3000);
    const at = (batch: number) => {
      let s = { items: [] as { step: number }[], stride: 1 };
      for (let i = 0; i < all.length; i += batch)
        s = appendThinned(s.items, all.slice(i, i + batch), s.stride, 64, 64);
      return s;
    };
    const one = at(3000);
    expect(at(1)).toEqual(one);
    expect(at(7)).toEqual(one);
    expect(at(500)).toEqual(one);
    expect(one.items.length).toBeLessThanOrEqual(128);
  });

  it('keeps filter pictures on the first evaluation and the last few only', () => {
    const evals = [0, 1, 2, 3, 4, 5].map((s) => evalAt(s, s !== 4));
    const kept = keepFilters(evals, 2);
    expect(kept.map((e) => e.filters !== undefined)).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
    expect(kept.map((e) => e.step)).toEqual([0, 1, 2, 3, 4, 5]); // evaluations stay
    const short = [evalAt(0, true), evalAt(1, true)];
    expect(keepFilters(short, 2)).toBe(short); // nothing to drop: the same array (charts memoise on it)
  });

  it('counts every event received, thinned or not, and records the strides', () => {
    let m = withEvents({ steps: [], evals: [] }, [], []);
    const step = (n: number) => ({ ...ev(n), type: 'step' }) as unknown as StepEvent;
    for (let from = 1; from <= 5000; from += 100)
      m = withEvents(
        m,
        Array.from({ length: 100 }, (_, i) => step(from + i)),
        [evalAt(from, true)],
      );
    expect(m.received).toEqual({ steps: 5000, evals: 50 });
    expect(m.steps.length).toBeLessThanOrEqual(
      HISTORY_LIMITS.recentSteps + HISTORY_LIMITS.olderSteps,
    );
    expect(m.stride?.steps).toBeGreaterThan(1);
    expect(m.evals.filter((e) => e.filters)).toHaveLength(1 + HISTORY_LIMITS.lastFilters);
  });
});

describe('session store on a long run', () => {
  beforeEach(() => resetSession());

  it('holds a bounded history per method: the first step, the last 1,024 in full, older ones thinned', () => {
    const def = vitDef();
    useStore.getState().apply({ type: 'loaded', requestId: 1, info: loadedInfoOf(def) });
    for (const { e } of fakeRunEvents(def, {
      methods: ['sgd', 'adamw'],
      steps: 3000,
      evalEvery: 50,
      batch: 37,
    }))
      useStore.getState().apply(e);
    for (const id of ['sgd', 'adamw']) {
      const m = useStore.getState().methods[id]!;
      expect(m.received).toEqual({ steps: 3000, evals: 1 + 3000 / 50 });
      expect(m.steps.length).toBeLessThanOrEqual(
        HISTORY_LIMITS.recentSteps + HISTORY_LIMITS.olderSteps,
      );
      expect(m.steps[0]?.step).toBe(1);
      expect(m.steps.slice(-HISTORY_LIMITS.recentSteps).map((s) => s.step)).toEqual(
        Array.from(
          { length: HISTORY_LIMITS.recentSteps },
          (_, i) => 3000 - HISTORY_LIMITS.recentSteps + 1 + i,
        ),
      );
      expect(m.evals.filter((e) => e.filters).map((e) => e.step)).toEqual([0, 2950, 3000]);
      expect(m.done?.steps).toBe(3000);
    }
    // Methods in lockstep keep the same steps, so the charts' rows line up.
    expect(useStore.getState().methods.sgd!.steps.map((s) => s.step)).toEqual(
      useStore.getState().methods.adamw!.steps.map((s) => s.step),
    );
  });
});
