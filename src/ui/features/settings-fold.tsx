/**
 * The settings (ChoosePanel and Load) folded under one line, below the run and its results, so
 * that the first screen is the lesson: the classroom preset, or a link's values, are in force
 * and the line says which. A teacher opens it with one click; it opens by itself when
 * - the link hides a setting: the teacher chose what the class may change, so the visible
 *   controls are the exercise;
 * - the form has something to say: a link key the page could not read, or a run too long.
 * A plain page, or a link that only sets values, starts folded: nothing there needs a class.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { CLASSROOM_PRESET } from '../../presets/classroom';
import { changedSettings } from '../settings/describe-config';
import { runLengthProblem, trainImagesFor } from '../settings/run-length';
import { settingsOfPreset } from '../store/config-slice';
import { useStore, type PlaygroundState } from '../store/store';

const CLASSROOM = settingsOfPreset(CLASSROOM_PRESET);

/** What the folded line says is in force: the classroom preset, what differs from it, or the user's own images. */
export function inForceOf(s: PlaygroundState): string {
  if (s.own.active) return 'your own images';
  const changed = changedSettings(s.config, CLASSROOM).join(', ');
  return changed ? `the classroom preset, changed: ${changed}` : 'the classroom preset';
}

/** Whether the form should be open without a click (see the file's comment). */
export function foldWantsOpen(s: PlaygroundState): boolean {
  const own = s.own.active ? s.own.result : null;
  const tooLong =
    runLengthProblem(s.config, trainImagesFor(s.config, { active: own !== null, result: own })) !==
    null;
  return s.hidden.length > 0 || s.ignored.length > 0 || tooLong;
}

export function SettingsFold({ children }: { children: ReactNode }) {
  const wants = useStore(foldWantsOpen);
  const [open, setOpen] = useState(wants);
  // A link read after the first render (the hash) or a new problem opens it; it never closes by itself.
  useEffect(() => {
    if (wants) setOpen(true);
  }, [wants]);
  const inForce = useStore(inForceOf);
  return (
    <details
      className="settings-fold"
      data-testid="settings-fold"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        <span className="settings-title">Settings</span>{' '}
        <span className="note">
          (model, data, methods and their rates, run length; in force: {inForce})
        </span>
      </summary>
      {children}
    </details>
  );
}
