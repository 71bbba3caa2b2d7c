/**
 * Model registry: a family name -> builder and default config, shared by UI, CLI and saved
 * configs. A ModelConfig is plain JSON, so it travels in URLs, manifests and checkpoints.
 */
import type { ModelDef } from './model';
import { buildConvNext, CONVNEXT_DEFAULT, type ConvNextConfig } from './convnext';
import { buildResNet, RESNET_DEFAULT, type ResNetConfig } from './resnet';
import { buildVit, VIT_DEFAULT, type VitConfig } from './vit';

export type ModelConfig =
  | ({ family: 'vit' } & VitConfig)
  | ({ family: 'convnext' } & ConvNextConfig)
  | ({ family: 'resnet' } & ResNetConfig);

export type Family = ModelConfig['family'];
export const FAMILIES: readonly Family[] = ['vit', 'convnext', 'resnet'];

export function buildModel(cfg: ModelConfig): ModelDef {
  switch (cfg.family) {
    case 'vit':
      return buildVit(cfg);
    case 'convnext':
      return buildConvNext(cfg);
    case 'resnet':
      return buildResNet(cfg);
  }
}

/** The default micro config of a family, with optional overrides. */
export function defaultConfig(family: Family, overrides: Partial<ModelConfig> = {}): ModelConfig {
  const base =
    family === 'vit' ? { family, ...VIT_DEFAULT } : family === 'convnext' ? { family, ...CONVNEXT_DEFAULT } : { family, ...RESNET_DEFAULT };
  return { ...base, ...overrides } as ModelConfig;
}
