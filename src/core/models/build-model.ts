/**
 * A model config -> the trainable model: its spec (spec/model-config.ts) with the
 * family's forward pass.
 */
import type { ModelConfig } from '../../spec/model-config';
import { buildConvNext } from './convnext';
import type { ModelDef } from './model';
import { buildResNet } from './resnet';
import { buildVit } from './vit';

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
