/**
 * Size presets per family: 'micro' (the default, 0.08-0.21M parameters) and 'tiny' (a few
 * thousand parameters: software-GPU browser tests and quick demos).
 */
import { defaultConfig, type Family, type ModelConfig } from './registry';

export type SizePreset = 'micro' | 'tiny';

const TINY: Record<Family, Partial<ModelConfig>> = {
  vit: { dim: 16, depth: 1, heads: 2, mlpRatio: 2 },
  convnext: { dims: [8, 16], depths: [1, 1] },
  resnet: { widths: [4, 8], blocks: [1, 1] },
};

export function presetConfig(family: Family, size: SizePreset): ModelConfig {
  return defaultConfig(family, size === 'tiny' ? TINY[family] : {});
}
