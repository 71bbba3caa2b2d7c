/**
 * The engine tests' tiny ViT: 8 dimensions, one block of 2 heads, 14x14 images, 3 classes
 * (a few hundred parameters, so a training step takes milliseconds on the CPU backend).
 */
import { defaultModelConfig } from '../../src/spec/model-config';

export const TINY_VIT = defaultModelConfig('vit', {
  dim: 8,
  depth: 1,
  heads: 2,
  mlpRatio: 2,
  imageSize: 14,
  numClasses: 3,
});
