/**
 * The optimizers' controls of the settings table (settings-table.ts spreads them in place, so the
 * form's and the URL hash's order stay as they were): each grid row's learning rate and weight
 * decay, SGD's momentum, and the rates of the paper's other methods. Where the classroom preset
 * is silent the paper's recipe applies (momentum 0.9, no SGD weight decay, AdamW's 0.01).
 */
import { PRESET } from './preset-defaults';
import { numberSetting, type Setting } from './setting';

export const OPTIMIZER_SETTINGS = {
  lrSgdm: numberSetting({
    key: 'lr_sgdm',
    label: 'SGD + momentum learning rate',
    help: 'The paper sweeps 3e-4 to 1e-1.',
    default: PRESET.lr.sgdm ?? 1e-2,
    min: 0,
    max: 10,
  }),
  wdSgdm: numberSetting({
    key: 'wd_sgdm',
    label: 'SGD + momentum weight decay',
    default: 0,
    min: 0,
    max: 1,
  }),
  momentum: numberSetting({
    key: 'momentum',
    label: 'momentum',
    default: 0.9,
    min: 0,
    max: 0.999,
    step: 0.05,
  }),
  lrSgd: numberSetting({
    key: 'lr_sgd',
    label: 'SGD learning rate',
    help: 'The paper sweeps 3e-4 to 1e-1.',
    default: PRESET.lr.sgd ?? 1e-2,
    min: 0,
    max: 10,
  }),
  wdSgd: numberSetting({ key: 'wd_sgd', label: 'SGD weight decay', default: 0, min: 0, max: 1 }),
  lrAdamw: numberSetting({
    key: 'lr_adamw',
    label: 'AdamW learning rate',
    help: 'The paper sweeps 1e-5 to 1e-3.',
    default: PRESET.lr.adamw ?? 1e-3,
    min: 0,
    max: 1,
  }),
  wdAdamw: numberSetting({
    key: 'wd_adamw',
    label: 'AdamW weight decay',
    default: 0.01,
    min: 0,
    max: 1,
  }),
  // The paper's other methods (presets/other-methods.ts): LAMB and LARS rates live on their own
  // scales; the embedding multiplier scales the embedding layer's rate (any value, 0.2 the paper's).
  lrLamb: numberSetting({
    key: 'lr_lamb',
    label: 'LAMB learning rate',
    help: "LAMB steps each tensor in proportion to its weight norm: rates near AdamW's.",
    default: 1e-3,
    min: 0,
    max: 1,
  }),
  lrLars: numberSetting({
    key: 'lr_lars',
    label: 'LARS learning rate',
    help: "LARS scales each tensor's step by 0.001 x its weight norm: rates near 1.",
    default: 1,
    min: 0,
    max: 100,
  }),
  embedLr: numberSetting({
    key: 'embed_lr',
    label: 'embedding learning-rate multiplier',
    help: "The embedding layer's rate is SGD + momentum's times this (the paper tried 0.2; 0 freezes it, 1 is plain SGD).",
    default: 0.2,
    min: 0,
    max: 100,
  }),
} satisfies Record<string, Setting>;
