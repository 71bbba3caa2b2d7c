/**
 * Every control of the playground, declared once. The form (features/choose) and the URL hash
 * (url-hash.ts) are generated from this table; a saved run stores the same values. The
 * defaults are the classroom preset (src/presets/classroom.ts, via preset-defaults.ts): a page
 * opened without a link runs exactly what docs/results.md measured. Where the preset is silent
 * the paper's recipe applies: SGD momentum 0.9 and no weight decay, AdamW weight decay 0.01,
 * cosine schedule, a learning rate inside the paper's sweep for a row the preset does not use.
 */
import { FAMILIES } from '../../spec/model-config';
import { BENCHMARK_NAMES } from '../../data/spec/benchmark-catalog';
import { METHOD_IDS } from '../../presets/method-catalog';
import { OPTIMIZER_SETTINGS } from './optimizer-settings';
import { PRESET } from './preset-defaults';
import {
  boolSetting,
  choiceSetting,
  idListSetting,
  intListSetting,
  numberSetting,
  type ListSetting,
  type Setting,
} from './setting';

const names = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

export const SETTINGS = {
  weights: choiceSetting({
    key: 'model',
    label: 'weights',
    help: 'A shipped pretrained checkpoint (the point of fine-tuning), a checkpoint of the family that spans the embedding-gradient ratio (fetched when first used), or random initial weights.',
    default: PRESET.weights,
    options: [{ value: 'random', label: 'random init (no pretraining)' }],
    open: /^[a-z0-9][a-z0-9._-]{0,63}$/,
  }),
  arch: choiceSetting({
    key: 'arch',
    label: 'model (random init)',
    default: 'vit',
    options: names(FAMILIES),
  }),
  size: choiceSetting({
    key: 'size',
    label: 'size (random init)',
    default: 'micro',
    options: names(['micro', 'tiny']),
  }),
  benchmark: choiceSetting({
    key: 'bench',
    label: 'benchmark',
    help: 'Which distribution shift to fine-tune under.',
    default: PRESET.benchmark,
    options: names(BENCHMARK_NAMES),
  }),
  strength: choiceSetting({
    key: 'strength',
    label: 'shift strength',
    help: "How far OOD departs from ID (each benchmark's card in docs/benchmarks says what it changes). On acquisition at 1, AdamW's OOD lead over SGD is clearest (docs/results.md).",
    default: PRESET.strength,
    options: [
      { value: 'default', label: "the benchmark's default" },
      { value: '0', label: '0 (no shift)' },
      { value: '0.25', label: '0.25' },
      { value: '0.5', label: '0.5' },
      { value: '0.75', label: '0.75' },
      { value: '1', label: '1 (strongest)' },
    ],
  }),
  classes: intListSetting({
    key: 'classes',
    label: 'classes',
    help: 'Train on these classes only (none ticked: all).',
    default: PRESET.classes,
    max: 99,
  }),
  perClass: numberSetting({
    key: 'per_class',
    label: 'training images per class',
    default: PRESET.perClass,
    min: 1,
    max: 5000,
    integer: true,
  }),
  valPerClass: numberSetting({
    key: 'val_per_class',
    label: 'ID validation images per class',
    help: "Images per class in the ID validation set (0: the benchmark's default). Fewer evaluate faster, less precisely.",
    default: PRESET.valPerClass,
    min: 0,
    max: 5000,
    integer: true,
  }),
  oodPerClass: numberSetting({
    key: 'ood_per_class',
    label: 'OOD test images per class',
    help: "Images per class in the out-of-distribution test set (0: the benchmark's default).",
    default: PRESET.oodPerClass,
    min: 0,
    max: 5000,
    integer: true,
  }),
  seed: numberSetting({
    key: 'seed',
    label: 'seed',
    help: 'Same seed, same head, batches and augmentation for every method.',
    default: PRESET.seed,
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
  }),
  // The seeds a comparison runs (seed-list.ts): `seeds` of them from `seed`, shifted by the
  // student number so every device of a class runs different seeds from the same link.
  seeds: numberSetting({
    key: 'seeds',
    label: 'seeds',
    help: 'How many seeds each method runs: at this scale the result is a mean over seeds, not one run.',
    default: 3,
    min: 1,
    max: 50,
    integer: true,
  }),
  student: numberSetting({
    key: 'student',
    label: 'student number',
    help: 'In a class, each student types a different number and so runs different seeds; the teacher pools the shared results.',
    default: 0,
    min: 0,
    max: 9999,
    integer: true,
  }),
  workers: numberSetting({
    key: 'workers',
    label: 'parallel workers',
    help: 'Training workers run side by side (0: one per CPU core the page can spare).',
    default: 0,
    min: 0,
    max: 16,
    integer: true,
  }),
  methods: idListSetting({
    key: 'methods',
    label: 'methods',
    default: PRESET.methods,
    ids: METHOD_IDS,
  }),
  // Each optimizer's learning rate and weight decay, in the grid's order (optimizer-settings.ts).
  ...OPTIMIZER_SETTINGS,
  schedule: choiceSetting({
    key: 'schedule',
    label: 'schedule',
    default: 'cosine',
    options: [
      { value: 'cosine', label: 'cosine to 0' },
      { value: 'warmup-cosine', label: 'warm-up, then cosine' },
      { value: 'constant', label: 'constant' },
    ],
  }),
  warmup: numberSetting({
    key: 'warmup',
    label: 'warm-up steps',
    default: 10,
    min: 0,
    max: 100000,
    integer: true,
  }),
  epochs: numberSetting({
    key: 'epochs',
    label: 'epochs',
    default: PRESET.epochs,
    min: 1,
    max: 10000,
    integer: true,
  }),
  steps: numberSetting({
    key: 'steps',
    label: 'steps per method',
    help: 'A cap on the steps of each method (0: all epochs).',
    default: 0,
    min: 0,
    max: 1000000,
    integer: true,
  }),
  batchSize: numberSetting({
    key: 'batch',
    label: 'batch size',
    default: PRESET.batchSize,
    min: 1,
    max: 1024,
    integer: true,
  }),
  evalsPerEpoch: numberSetting({
    key: 'evals_per_epoch',
    label: 'evaluations per epoch',
    help: 'How often each method is tested on ID and OOD images while it trains (4: every quarter epoch). More points give the accuracy curves a shape; each costs about as much as a few training steps.',
    default: PRESET.evalsPerEpoch,
    min: 1,
    max: 20,
    integer: true,
  }),
  augment: boolSetting({
    key: 'augment',
    label: 'augmentation',
    help: 'Random crops (and flips where the benchmark allows them).',
    default: true,
  }),
} satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;
type ValueOf<S> = S extends { default: infer T } ? T : never;
/** The whole configuration: one value per control. */
export type Config = { -readonly [K in SettingName]: ValueOf<(typeof SETTINGS)[K]> };

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

export function defaultSettings(): Config {
  const out: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) out[name] = SETTINGS[name].default;
  return out as Config;
}

export function isListSetting(s: Setting): s is ListSetting<string> | ListSetting<number> {
  return s.kind === 'list';
}
