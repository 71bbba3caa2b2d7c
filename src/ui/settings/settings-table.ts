/**
 * Every control of the playground, declared once. The form (features/choose) and the URL hash
 * (url-hash.ts) are generated from this table; a saved run stores the same values. Defaults
 * per optimizer follow the paper's sweeps: SGD learning rates 3e-4..1e-1 (default 1e-2,
 * momentum 0.9), AdamW 1e-5..1e-3 (default 1e-3, weight decay 0.01); see core/optim/methods.ts.
 */
import { FAMILIES } from '../../core/models/registry';
import { BENCHMARK_NAMES } from '../../data/benchmarks/registry';
import { METHOD_IDS, PAPER_METHOD_IDS } from './method-catalog';
import { boolSetting, choiceSetting, idListSetting, intListSetting, numberSetting, type ListSetting, type Setting } from './setting';

const names = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

export const SETTINGS = {
  weights: choiceSetting({
    key: 'model',
    label: 'weights',
    help: 'A shipped pretrained checkpoint (the point of fine-tuning), or random initial weights.',
    default: 'vit-adamw',
    options: [{ value: 'random', label: 'random init (no pretraining)' }],
    open: /^[a-z0-9][a-z0-9._-]{0,63}$/,
  }),
  arch: choiceSetting({ key: 'arch', label: 'model (random init)', default: 'vit', options: names(FAMILIES) }),
  size: choiceSetting({ key: 'size', label: 'size (random init)', default: 'micro', options: names(['micro', 'tiny']) }),
  benchmark: choiceSetting({ key: 'bench', label: 'benchmark', help: 'Which distribution shift to fine-tune under.', default: BENCHMARK_NAMES[0] ?? 'subpopulation', options: names(BENCHMARK_NAMES) }),
  classes: intListSetting({ key: 'classes', label: 'classes', help: 'Train on these classes only (none ticked: all).', default: [], max: 99 }),
  perClass: numberSetting({ key: 'per_class', label: 'training images per class', default: 100, min: 1, max: 5000, integer: true }),
  evalPerClass: numberSetting({ key: 'eval_per_class', label: 'ID and OOD test images per class', help: "Images per class in the ID validation and OOD test sets (0: the benchmark's default). Fewer evaluate faster, less precisely.", default: 0, min: 0, max: 5000, integer: true }),
  seed: numberSetting({ key: 'seed', label: 'seed', help: 'Same seed, same head, batches and augmentation for every method.', default: 0, min: 0, max: 2 ** 31 - 1, integer: true }),
  methods: idListSetting({ key: 'methods', label: 'methods', default: PAPER_METHOD_IDS, ids: METHOD_IDS }),
  lrSgdm: numberSetting({ key: 'lr_sgdm', label: 'SGD + momentum learning rate', help: "The paper sweeps 3e-4 to 1e-1.", default: 1e-2, min: 0, max: 10 }),
  wdSgdm: numberSetting({ key: 'wd_sgdm', label: 'SGD + momentum weight decay', default: 0, min: 0, max: 1 }),
  momentum: numberSetting({ key: 'momentum', label: 'momentum', default: 0.9, min: 0, max: 0.999, step: 0.05 }),
  lrSgd: numberSetting({ key: 'lr_sgd', label: 'SGD learning rate', help: "The paper sweeps 3e-4 to 1e-1.", default: 1e-2, min: 0, max: 10 }),
  wdSgd: numberSetting({ key: 'wd_sgd', label: 'SGD weight decay', default: 0, min: 0, max: 1 }),
  lrAdamw: numberSetting({ key: 'lr_adamw', label: 'AdamW learning rate', help: 'The paper sweeps 1e-5 to 1e-3.', default: 1e-3, min: 0, max: 1 }),
  wdAdamw: numberSetting({ key: 'wd_adamw', label: 'AdamW weight decay', default: 0.01, min: 0, max: 1 }),
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
  warmup: numberSetting({ key: 'warmup', label: 'warm-up steps', default: 10, min: 0, max: 100000, integer: true }),
  epochs: numberSetting({ key: 'epochs', label: 'epochs', default: 100, min: 1, max: 10000, integer: true }),
  steps: numberSetting({ key: 'steps', label: 'steps per method', help: 'A cap on the steps of each method (0: all epochs).', default: 50, min: 0, max: 1000000, integer: true }),
  batchSize: numberSetting({ key: 'batch', label: 'batch size', default: 32, min: 1, max: 1024, integer: true }),
  augment: boolSetting({ key: 'augment', label: 'augmentation', help: 'Random crops (and flips where the benchmark allows them).', default: true }),
} satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;
type ValueOf<S> = S extends { default: infer T } ? T : never;
/** The whole configuration: one value per control. */
export type Config = { -readonly [K in SettingName]: ValueOf<(typeof SETTINGS)[K]> };

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

export function defaultConfig(): Config {
  const out: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) out[name] = SETTINGS[name].default;
  return out as Config;
}

export function isListSetting(s: Setting): s is ListSetting<string> | ListSetting<number> {
  return s.kind === 'list';
}
