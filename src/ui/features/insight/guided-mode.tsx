/**
 * Guided classroom mode: the steps of guided-steps.ts, one at a time, each with its sentence.
 * It owns only which step is showing; "Set up this step" hands the step to `onApplyStep`, which
 * drives the same controls a user would (methods, then Run), so nothing here trains itself.
 * Once a step is set up the guide stays pinned at the top of the window, compact (the step's
 * text and buttons), so the class keeps reading it while it scrolls to the charts. While pinned
 * its height is published as the CSS variable --guide-height (the page's scroll-padding-top, so
 * keyboard focus and in-page scrolling stop below it), and `onShowStep` is called once the
 * pinned layout is on the page, to scroll the step's target just under the guide.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { GUIDED_STEPS, type GuidedStep } from './guided-steps';
import { WHY_SEEDS } from '../../seeds/why-seeds';
import './insight.css';

export interface GuidedModeProps {
  /** Called with the step to set up (configure the methods; the caller decides whether to start). */
  onApplyStep: (step: GuidedStep) => void;
  /** Called after a set-up step's pinned guide is laid out: scroll to the step's target below `guide`. */
  onShowStep?: (step: GuidedStep, guide: HTMLElement) => void;
  /** Called when the class unpins the guide. */
  onUnpin?: () => void;
  /** Called whenever the shown step changes (e.g. to scroll to `step.config.focus`). */
  onStepChange?: (step: GuidedStep, index: number) => void;
  steps?: readonly GuidedStep[];
  initialStep?: number;
}

/** While `on`, the element's height (px) as --guide-height on the document; removed after. */
function usePublishedHeight(ref: RefObject<HTMLElement | null>, on: boolean): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!on || !el) return;
    const root = document.documentElement;
    const publish = (): void => root.style.setProperty('--guide-height', `${el.offsetHeight}px`);
    publish();
    const obs = typeof ResizeObserver === 'function' ? new ResizeObserver(publish) : null;
    obs?.observe(el);
    return () => {
      obs?.disconnect();
      root.style.removeProperty('--guide-height');
    };
  }, [ref, on]);
}

/**
 * Calls `onShowStep` (the latest one) with each step marked shown, once the guide `ref` holds
 * is laid out (pinned); returns the marker. Each set-up is counted, so setting up the same step
 * again shows its target again.
 */
function useShowStepOnLayout(
  ref: RefObject<HTMLElement | null>,
  onShowStep: GuidedModeProps['onShowStep'],
): (step: GuidedStep) => void {
  const [shown, setShown] = useState<{ step: GuidedStep; n: number } | null>(null);
  const showRef = useRef(onShowStep);
  useEffect(() => {
    showRef.current = onShowStep;
  });
  useLayoutEffect(() => {
    if (shown && ref.current) showRef.current?.(shown.step, ref.current);
  }, [shown, ref]);
  return (step) => setShown((s) => ({ step, n: (s?.n ?? 0) + 1 }));
}

/** The lesson's steps are numbered 1..n; an optional step has no number, in the list and in the heading. */
const lessonCount = (steps: readonly GuidedStep[]): number =>
  steps.filter((s) => !s.optional).length;

/** Every step's title as a link to it; the current one marked, an optional one marked "Optional" and not numbered. */
function StepList({
  steps,
  current,
  hidden,
  onGo,
}: {
  steps: readonly GuidedStep[];
  current: number;
  hidden: boolean;
  onGo: (j: number) => void;
}) {
  return (
    <ol className="guided-steps" hidden={hidden}>
      {steps.map((s, j) => (
        <li
          key={s.id}
          className={s.optional ? 'optional' : undefined}
          aria-current={j === current ? 'step' : undefined}
        >
          <button type="button" className="link" onClick={() => onGo(j)}>
            {s.optional ? `Optional: ${s.title}` : s.title}
          </button>
        </li>
      ))}
    </ol>
  );
}

function WhySeedsFold() {
  return (
    <details className="why-seeds">
      <summary>Why each method runs on several seeds</summary>
      <p>{WHY_SEEDS}</p>
    </details>
  );
}

/** The shown step's number among the lesson's steps (optional ones not counted), title and sentence. */
function StepText({
  step,
  index,
  steps,
}: {
  step: GuidedStep;
  index: number;
  steps: readonly GuidedStep[];
}) {
  return (
    <div aria-live="polite">
      <h3>
        {step.optional
          ? 'Optional step'
          : `Step ${lessonCount(steps.slice(0, index + 1))} of ${lessonCount(steps)}`}
        : {step.title}
      </h3>
      <p>{step.sentence}</p>
    </div>
  );
}

/** Back, apply this step, Next, and (while pinned) Unpin the guide. */
function GuidedButtons({
  label,
  index,
  last,
  pinned,
  onGo,
  onApply,
  onUnpin,
}: {
  label: string;
  index: number;
  last: number;
  pinned: boolean;
  onGo: (j: number) => void;
  onApply: () => void;
  onUnpin: () => void;
}) {
  return (
    <div className="guided-buttons">
      <button type="button" onClick={() => onGo(index - 1)} disabled={index === 0}>
        Back
      </button>
      <button type="button" onClick={onApply}>
        {label}
      </button>
      <button type="button" onClick={() => onGo(index + 1)} disabled={index === last}>
        Next
      </button>
      {pinned && (
        <button type="button" className="link" onClick={onUnpin}>
          Unpin the guide
        </button>
      )}
    </div>
  );
}

export function GuidedMode({
  onApplyStep,
  onShowStep,
  onUnpin,
  onStepChange,
  steps = GUIDED_STEPS,
  initialStep = 0,
}: GuidedModeProps) {
  const [i, setI] = useState(Math.min(Math.max(0, initialStep), steps.length - 1));
  const [pinned, setPinned] = useState(false);
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  usePublishedHeight(ref, pinned);
  const markShown = useShowStepOnLayout(ref, onShowStep);
  const step = steps[i];
  if (!step) return null;
  const go = (j: number): void => {
    const k = Math.min(Math.max(0, j), steps.length - 1);
    setI(k);
    onStepChange?.(steps[k] as GuidedStep, k);
  };
  return (
    <section
      ref={ref}
      className={pinned ? 'guided pinned' : 'guided'}
      aria-labelledby={headingId}
      data-testid="guided"
      data-pinned={pinned}
    >
      <h2 id={headingId}>Classroom mode</h2>
      {/* Folded, so the guide leaves the Run button and the results on the first screen (#22). */}
      {!pinned && <WhySeedsFold />}
      <StepList steps={steps} current={i} hidden={pinned} onGo={go} />
      <StepText step={step} index={i} steps={steps} />
      <GuidedButtons
        label={step.config.methods.length ? 'Set up this step' : 'Show me'}
        index={i}
        last={steps.length - 1}
        pinned={pinned}
        onGo={go}
        onApply={() => {
          setPinned(true);
          markShown(step);
          onApplyStep(step);
        }}
        onUnpin={() => {
          setPinned(false);
          onUnpin?.();
        }}
      />
    </section>
  );
}
