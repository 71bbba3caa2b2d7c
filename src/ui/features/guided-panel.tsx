/**
 * The classroom's guided mode (insight/guided-mode.tsx) wired to the page: setting up a step
 * ticks its methods (everything else stays: the preset, or what the teacher's link set) and
 * puts the keyboard focus on Run. Then it scrolls, always so that what it shows sits fully
 * below the pinned guide: a step that trains shows the Run buttons (Run is what the class
 * presses next), and when that run starts, the step's chart; a step that only looks shows its
 * target at once. Back / Next only change the text: scrolling there would carry the guide off
 * screen. It never starts training itself: the class presses Run, as they would without it.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../store/store';
import { GuidedMode } from './insight/guided-mode';
import type { GuidedStep } from './insight/guided-steps';
import {
  afterRunSelectors,
  findTarget,
  followBelowGuide,
  setupSelectors,
  whenOnPage,
  type Focus,
} from './guided-target';

export function applyGuidedStep(step: GuidedStep): void {
  if (step.config.methods.length) useStore.getState().setMethods(step.config.methods);
}

/** A set-up step that trains, waiting for its run to start to show its chart. */
interface Pending {
  focus: Focus;
  guide: HTMLElement;
}

/** While `pending`: when a run starts (status turns 'running'), scroll to the step's target once it is on the page. */
function useShowWhenRunning(
  pending: Pending | null,
  follow: (el: Element, guide: HTMLElement) => void,
  done: () => void,
): void {
  useEffect(() => {
    if (!pending) return;
    let cancel = (): void => undefined;
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.status !== 'running' || prev.status === 'running') return;
      cancel();
      cancel = whenOnPage(afterRunSelectors(pending.focus), (el) => {
        follow(el, pending.guide);
        done();
      });
    });
    return () => {
      unsubscribe();
      cancel();
    };
  }, [pending, follow, done]);
}

/** Following one target at a time: a new one, or unpinning, stops the last. */
function useFollow(): { follow: (el: Element, guide: HTMLElement) => void; stop: () => void } {
  const stopRef = useRef<() => void>(() => undefined);
  const [api] = useState(() => ({
    follow: (el: Element, guide: HTMLElement): void => {
      stopRef.current();
      stopRef.current = followBelowGuide(el, guide);
    },
    stop: (): void => stopRef.current(),
  }));
  useEffect(() => api.stop, [api]);
  return api;
}

export function GuidedPanel() {
  const [pending, setPending] = useState<Pending | null>(null);
  const { follow, stop } = useFollow();
  const [clear] = useState(() => () => setPending(null));
  useShowWhenRunning(pending, follow, clear);
  const apply = (step: GuidedStep): void => {
    applyGuidedStep(step);
    if (step.config.methods.length)
      document
        .querySelector<HTMLButtonElement>('[data-testid=train]')
        ?.focus({ preventScroll: true });
  };
  // Called once the pinned guide is laid out (its height is final).
  const show = (step: GuidedStep, guide: HTMLElement): void => {
    const el = findTarget(setupSelectors(step.config));
    if (el) follow(el, guide);
    setPending(step.config.methods.length ? { focus: step.config.focus, guide } : null);
  };
  const unpin = (): void => {
    stop();
    clear();
  };
  return <GuidedMode onApplyStep={apply} onShowStep={show} onUnpin={unpin} />;
}
