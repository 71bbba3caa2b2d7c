/**
 * The settings in force, in one plain sentence for the preset note, and which of them differ
 * from the classroom preset (a class then knows it is not looking at the default lesson).
 */
import { SETTINGS, SETTING_NAMES, type Config } from './settings-table';
import { OWN_WEIGHTS } from './to-commands';

/** The weights as the sentence says them ('own' is the user's checkpoint, not a model's name). */
const weightsText = (c: Config): string =>
  c.weights === OWN_WEIGHTS ? 'your own checkpoint' : c.weights;

export function describeConfig(c: Config): string {
  const strength =
    c.strength === 'default'
      ? "the benchmark's default shift strength"
      : `shift strength ${c.strength}`;
  const classes = c.classes.length ? `classes ${c.classes.join(', ')}` : 'every class';
  const length =
    c.steps > 0 ? `at most ${c.steps} steps` : `${c.epochs} epoch${c.epochs === 1 ? '' : 's'}`;
  return `${weightsText(c)} on ${c.benchmark} at ${strength}, ${classes}, ${c.perClass} training images per class, batch ${c.batchSize}, ${length}, seed ${c.seed}`;
}

/** Labels of the settings (any control, not only the sentence's) whose values differ between two configs. */
export function changedSettings(c: Config, reference: Config): string[] {
  return SETTING_NAMES.filter((n) => JSON.stringify(c[n]) !== JSON.stringify(reference[n])).map(
    (n) => SETTINGS[n].label,
  );
}

/** The in-force sentence when the user's own images replace the benchmark: their classes and counts, not a preset's data. */
export function describeOwnConfig(
  c: Config,
  own: {
    classNames: readonly string[];
    counts: Readonly<Record<'train' | 'idVal' | 'ood', readonly number[]>>;
  },
): string {
  const total = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  const length =
    c.steps > 0 ? `at most ${c.steps} steps` : `${c.epochs} epoch${c.epochs === 1 ? '' : 's'}`;
  const { train, idVal, ood } = own.counts;
  return `${weightsText(c)} on your own images: ${own.classNames.length} classes (${own.classNames.join(', ')}), ${total(train)} training, ${total(idVal)} ID validation and ${total(ood)} OOD test images, batch ${c.batchSize}, ${length}, seed ${c.seed}`;
}
