/**
 * The model families by name: config, defaults, size presets and spec, shared by the UI, the
 * CLI and saved configs. A ModelConfig is plain JSON, so it travels in URLs, manifests and
 * checkpoints. Tfjs-free: core/models/build-model.ts builds the trainable model from a config.
 */
import { convNextSpec, CONVNEXT_DEFAULT, type ConvNextConfig } from './convnext-spec';
import type { ModelSpec } from './model-spec';
import { resNetSpec, RESNET_DEFAULT, type ResNetConfig } from './resnet-spec';
import { vitSpec, VIT_DEFAULT, type VitConfig } from './vit-spec';

export type ModelConfig =
  | ({ family: 'vit' } & VitConfig)
  | ({ family: 'convnext' } & ConvNextConfig)
  | ({ family: 'resnet' } & ResNetConfig);

export type Family = ModelConfig['family'];
export const FAMILIES: readonly Family[] = ['vit', 'convnext', 'resnet'];

/** How the page names each family. */
export const FAMILY_LABEL: Readonly<Record<Family, string>> = {
  vit: 'micro ViT',
  convnext: 'micro ConvNeXt',
  resnet: 'micro ResNet (BatchNorm)',
};

/** The default micro config of a family, with optional overrides. */
export function defaultModelConfig(
  family: Family,
  overrides: Partial<ModelConfig> = {},
): ModelConfig {
  const base =
    family === 'vit'
      ? { family, ...VIT_DEFAULT }
      : family === 'convnext'
        ? { family, ...CONVNEXT_DEFAULT }
        : { family, ...RESNET_DEFAULT };
  return { ...base, ...overrides } as ModelConfig;
}

/**
 * Size presets per family: 'micro' (the default, 0.08-0.21M parameters) and 'tiny' (a few
 * thousand parameters: software-GPU browser tests and quick demos).
 */
export type SizePreset = 'micro' | 'tiny';

const TINY: Record<Family, Partial<ModelConfig>> = {
  vit: { dim: 16, depth: 1, heads: 2, mlpRatio: 2 },
  convnext: { dims: [8, 16], depths: [1, 1] },
  resnet: { widths: [4, 8], blocks: [1, 1] },
};

export function modelConfigOfSize(family: Family, size: SizePreset): ModelConfig {
  return defaultModelConfig(family, size === 'tiny' ? TINY[family] : {});
}

/** Every tensor, layer and group of the model a config describes (no tensors are made). */
export function modelSpec(cfg: ModelConfig): ModelSpec {
  switch (cfg.family) {
    case 'vit':
      return vitSpec(cfg);
    case 'convnext':
      return convNextSpec(cfg);
    case 'resnet':
      return resNetSpec(cfg);
  }
}
