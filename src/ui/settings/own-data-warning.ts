/**
 * What a run on the user's own images can show, said before it starts. A tiny folder trains:
 * 2 classes × 20 images split into 16 training images per class at batch 32 give 2 steps per
 * method (issue 22), and its accuracies then swing by whole images. The page warns when the
 * split leaves fewer than MIN_TRAIN_PER_CLASS training images in a class or fewer than
 * MIN_STEPS steps per method, and says what to change; it still lets the run go.
 */
import { plannedSteps } from './run-length';
import type { Config } from './settings-table';

export const MIN_TRAIN_PER_CLASS = 50;
export const MIN_STEPS = 10;

/** The import report's part this reads: class names and images kept per split, [numClasses] each. */
export interface OwnCounts {
  readonly classNames: readonly string[];
  readonly counts: Readonly<Record<'train' | 'idVal' | 'ood', readonly number[]>>;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const plural = (n: number, word: string): string =>
  `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;

/** "16" when every class has 16, else "8–16". */
function perClassText(train: readonly number[]): string {
  const lo = Math.min(...train);
  const hi = Math.max(...train);
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
}

/** Largest batch that still gives MIN_STEPS steps over the configured epochs, or 0 when none does. */
export function batchForMinSteps(trainImages: number, epochs: number): number {
  const perEpoch = Math.ceil(MIN_STEPS / Math.max(1, epochs));
  return Math.floor(trainImages / perEpoch);
}

/** The warning for a run on these own images, or null when the split is large enough. */
export function ownDataWarning(c: Config, own: OwnCounts): string | null {
  const train = own.counts.train;
  if (!train.length) return null;
  const n = sum(train);
  const steps = plannedSteps(c, n);
  const fewest = Math.min(...train);
  if (fewest >= MIN_TRAIN_PER_CLASS && steps >= MIN_STEPS) return null;
  const k = own.classNames.length;
  const val = sum(own.counts.idVal);
  // One validation image moves ID accuracy by 100/val points: the noise floor of every number shown.
  const grain =
    val > 0
      ? ` each of the ${plural(val, 'ID validation image')} moves ID accuracy by ${(100 / val).toFixed(val >= 20 ? 0 : 1)} points, and`
      : '';
  const chance = (100 / Math.max(1, k)).toFixed(0);
  const batch = batchForMinSteps(n, c.epochs);
  const fixes = [
    fewest < MIN_TRAIN_PER_CLASS
      ? `add images (at least ${MIN_TRAIN_PER_CLASS} training images per class)`
      : '',
    steps < MIN_STEPS && batch >= 1 && batch < c.batchSize
      ? `lower the batch size to ${batch} or less`
      : '',
    steps < MIN_STEPS
      ? c.steps > 0 && c.steps < MIN_STEPS
        ? 'raise the cap on steps per method'
        : 'raise the epochs'
      : '',
  ].filter(Boolean);
  return (
    `${plural(k, 'class')} × ${perClassText(train)} training images: ${plural(steps, 'step')} per method at batch ${c.batchSize}. ` +
    `Accuracies will be noisy (chance is ${chance}%;${grain} a method may stop barely past chance) and cannot show the paper's gap between the methods out of distribution. ` +
    `The run can show that your images load and train, and how each method's loss starts to fall. To learn more from it, ${fixes.join(', or ')}.`
  );
}
