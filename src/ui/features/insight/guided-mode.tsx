/**
 * Guided classroom mode: the steps of guided-steps.ts, one at a time, each with its sentence.
 * It owns only which step is showing; "Set up this step" hands the step to `onApplyStep`, which
 * drives the same controls a user would (methods, then Train), so nothing here trains itself.
 * Once a step is set up the guide stays pinned at the top of the window, compact (the step's
 * text and buttons), so the class keeps reading it while it scrolls to the charts.
 */
import { useId, useState } from 'react';
import { GUIDED_STEPS, type GuidedStep } from './guided-steps';
import { WHY_SEEDS } from '../../seeds/why-seeds';
import './insight.css';

export interface GuidedModeProps {
  /** Called with the step to set up (configure the methods; the caller decides whether to start). */
  onApplyStep: (step: GuidedStep) => void;
  /** Called whenever the shown step changes (e.g. to scroll to `step.config.focus`). */
  onStepChange?: (step: GuidedStep, index: number) => void;
  steps?: readonly GuidedStep[];
  initialStep?: number;
}

export function GuidedMode({ onApplyStep, onStepChange, steps = GUIDED_STEPS, initialStep = 0 }: GuidedModeProps) {
  const [i, setI] = useState(Math.min(Math.max(0, initialStep), steps.length - 1));
  const [pinned, setPinned] = useState(false);
  const headingId = useId();
  const step = steps[i];
  if (!step) return null;
  const go = (j: number): void => {
    const k = Math.min(Math.max(0, j), steps.length - 1);
    setI(k);
    onStepChange?.(steps[k] as GuidedStep, k);
  };
  return (
    <section className={pinned ? 'guided pinned' : 'guided'} aria-labelledby={headingId} data-testid="guided" data-pinned={pinned}>
      <h2 id={headingId}>Classroom mode</h2>
      {!pinned && <p className="why-seeds">{WHY_SEEDS}</p>}
      <ol className="guided-steps" hidden={pinned}>
        {steps.map((s, j) => (
          <li key={s.id} aria-current={j === i ? 'step' : undefined}>
            <button type="button" className="link" onClick={() => go(j)}>
              {s.title}
            </button>
          </li>
        ))}
      </ol>
      <div aria-live="polite">
        <h3>
          Step {i + 1} of {steps.length}: {step.title}
        </h3>
        <p>{step.sentence}</p>
      </div>
      <div className="guided-buttons">
        <button type="button" onClick={() => go(i - 1)} disabled={i === 0}>
          Back
        </button>
        <button
          type="button"
          onClick={() => {
            setPinned(true);
            onApplyStep(step);
          }}
        >
          {step.config.methods.length ? 'Set up this step' : 'Show me'}
        </button>
        <button type="button" onClick={() => go(i + 1)} disabled={i === steps.length - 1}>
          Next
        </button>
        {pinned && (
          <button type="button" className="link" onClick={() => setPinned(false)}>
            Unpin the guide
          </button>
        )}
      </div>
    </section>
  );
}
