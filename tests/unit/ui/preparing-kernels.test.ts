/**
 * The status line's "Preparing GPU kernels…" (ui/features/preparing-kernels.tsx): shown from
 * the worker's 'preparing-kernels' start, cleared by its 'done' or by the first step. The store
 * is driven through its apply action and the view rendered server-side (react-dom/server, no
 * DOM library) as the chart tests do.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StepEvent } from '../../../src/protocol/messages';
import {
  elapsedSeconds,
  PreparingKernelsView,
  preparingKernelsText,
} from '../../../src/ui/features/preparing-kernels';
import { resetSession, useStore } from '../../../src/ui/store/store';

const step: StepEvent = {
  type: 'step',
  step: 1,
  epoch: 0,
  totalSteps: 4,
  loss: 1,
  lr: 0.01,
  gradNorms: { perParam: {}, perLayer: {}, perGroup: { embed: 1, body: 2, head: 3 }, total: 4 },
  stepMs: 5,
  imagesPerSec: 6,
};
const progress = {
  methodId: 'sgd',
  methodIndex: 0,
  methods: 4,
  step: 1,
  totalSteps: 4,
  etaMs: 1000,
};
// What the status line shows for the store's state now, `ms` after the start event arrived.
// (PreparingKernels reads the store with a hook; server rendering would see the initial state.)
const render = (ms = 0): string => {
  const preparing = useStore.getState().preparing;
  return renderToStaticMarkup(
    createElement(PreparingKernelsView, { preparing, now: (preparing?.since ?? 0) + ms }),
  );
};
const apply = useStore.getState().apply;

describe('preparing GPU kernels on the status line', () => {
  beforeEach(() => {
    resetSession();
    useStore.getState().setStatus('running');
  });

  it('shows from the start event with the method count and the seconds, and clears at "done"', () => {
    expect(render()).toBe('');
    const before = Date.now();
    apply({ type: 'preparing-kernels', phase: 'start', methods: 4 });
    const p = useStore.getState().preparing;
    expect(p?.methods).toBe(4);
    expect(p?.since).toBeGreaterThanOrEqual(before);
    const html = render();
    expect(html).toContain('Preparing GPU kernels for 4 methods');
    expect(html).toMatch(/<span aria-hidden="true"> \(0 s\)<\/span>…/);
    expect(render(12_400)).toContain('(12 s)');

    apply({ type: 'preparing-kernels', phase: 'done', ms: 12000 });
    expect(useStore.getState().preparing).toBeNull();
    expect(render()).toBe('');
  });

  it('clears at the first step even without a "done", and at the end of a run', () => {
    apply({ type: 'preparing-kernels', phase: 'start', methods: 1 });
    expect(render()).toContain('Preparing GPU kernels<');
    apply({ type: 'metrics', steps: [{ methodId: 'sgd', event: step }], progress });
    expect(useStore.getState().preparing).toBeNull();
    expect(useStore.getState().status).toBe('running');

    apply({ type: 'preparing-kernels', phase: 'start', methods: 2 });
    apply({ type: 'run-done', status: 'failed' });
    expect(useStore.getState().preparing).toBeNull();
  });

  it('counts whole seconds, never below zero', () => {
    expect(preparingKernelsText(4)).toBe('Preparing GPU kernels for 4 methods');
    expect(preparingKernelsText(1)).toBe('Preparing GPU kernels');
    expect(elapsedSeconds(10_000, 22_900)).toBe(12);
    expect(elapsedSeconds(10_000, 9_000)).toBe(0);
  });
});
