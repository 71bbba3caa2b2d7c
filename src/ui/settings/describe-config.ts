/**
 * The settings in force, in one plain sentence for the preset note, and which of them differ
 * from the classroom preset (a class then knows it is not looking at the default lesson).
 */
import { SETTINGS, SETTING_NAMES, type Config } from './settings-table';

export function describeConfig(c: Config): string {
  const strength = c.strength === 'default' ? "the benchmark's default shift strength" : `shift strength ${c.strength}`;
  const classes = c.classes.length ? `classes ${c.classes.join(', ')}` : 'every class';
  const length = c.steps > 0 ? `at most ${c.steps} steps` : `${c.epochs} epoch${c.epochs === 1 ? '' : 's'}`;
  return `${c.weights} on ${c.benchmark} at ${strength}, ${classes}, ${c.perClass} training images per class, batch ${c.batchSize}, ${length}, seed ${c.seed}`;
}

/** Labels of the settings (any control, not only the sentence's) whose values differ between two configs. */
export function changedSettings(c: Config, reference: Config): string[] {
  return SETTING_NAMES.filter((n) => JSON.stringify(c[n]) !== JSON.stringify(reference[n])).map((n) => SETTINGS[n].label);
}

