/**
 * The classroom's guided mode (insight/guided-mode.tsx) wired to the page: setting up a step
 * ticks its methods (everything else stays: the preset, or what the teacher's link set),
 * scrolls to what the step asks the class to look at and puts the keyboard focus on Train.
 * Back / Next only change the text: scrolling there would carry the guide off screen. It never
 * starts training itself: the class presses Train, as they would without the guide.
 */
import { useStore } from '../store/store';
import { GuidedMode } from './insight/guided-mode';
import type { GuidedStep } from './insight/guided-steps';
import { scrollToFocus } from './guided-target';

export function applyGuidedStep(step: GuidedStep): void {
  if (step.config.methods.length) useStore.getState().setMethods(step.config.methods);
}

export function GuidedPanel() {
  const apply = (step: GuidedStep): void => {
    applyGuidedStep(step);
    scrollToFocus(step.config.focus);
    if (step.config.methods.length) document.querySelector<HTMLButtonElement>('[data-testid=train]')?.focus({ preventScroll: true });
  };
  return <GuidedMode onApplyStep={apply} />;
}
