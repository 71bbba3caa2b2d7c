/**
 * The micro Vision Transformer's spec, timm layout and names (VisionTransformer with class
 * token, learned position embedding, pre-norm blocks, GELU MLP, final norm, linear head):
 * its config, every parameter, layers and groups. The forward pass is core/models/vit.ts.
 */
import type { ModelSpec } from './model-spec';
import type { GroupName, ParamSpec } from './param-spec';

export interface VitConfig {
  imageSize: number;
  patchSize: number;
  channels: number;
  dim: number;
  depth: number;
  heads: number;
  mlpRatio: number;
  numClasses: number;
  /**
   * What freeze-embed freezes. 'patch' (timm/DINO ViT in the paper): the patch-embedding
   * conv only. 'patch+pos': also the cls token and position embedding (an option; the
   * paper's CLIP recipe does NOT freeze them).
   */
  embed: 'patch' | 'patch+pos';
}

export const VIT_DEFAULT: VitConfig = {
  imageSize: 28,
  patchSize: 7,
  channels: 3,
  dim: 64,
  depth: 4,
  heads: 4,
  mlpRatio: 4,
  numClasses: 10,
  embed: 'patch',
};

export function vitSpec(cfg: VitConfig): ModelSpec {
  const { dim, patchSize: ps, channels: C } = cfg;
  if (cfg.imageSize % ps !== 0) {
    throw new Error(`imageSize ${cfg.imageSize} is not a multiple of patchSize ${ps}`);
  }
  if (dim % cfg.heads !== 0) throw new Error(`dim ${dim} is not divisible by heads ${cfg.heads}`);
  const grid = cfg.imageSize / ps;
  const tokens = grid * grid + 1; // patches + cls
  const hidden = dim * cfg.mlpRatio;
  const specs: ParamSpec[] = [];
  const w = (name: string, shape: number[], layer: string, layout: ParamSpec['layout']): void => {
    const init = { kind: 'truncNormal', std: 0.02 } as const;
    specs.push({ name, shape, layer, layout, kind: 'param', decay: true, init });
  };
  const z = (
    name: string,
    shape: number[],
    layer: string,
    init: ParamSpec['init'] = { kind: 'zeros' },
  ): void => {
    specs.push({ name, shape, layer, layout: 'plain', kind: 'param', decay: false, init });
  };

  w('patch_embed.proj.weight', [ps, ps, C, dim], 'patch_embed', 'conv');
  z('patch_embed.proj.bias', [dim], 'patch_embed');
  // No weight decay on cls token / position embedding (timm's no_weight_decay()).
  const tn = { kind: 'truncNormal', std: 0.02 } as const;
  z('cls_token', [1, 1, dim], 'pos_embed', tn);
  z('pos_embed', [1, tokens, dim], 'pos_embed', tn);
  for (let i = 0; i < cfg.depth; i++) {
    const b = `blocks.${i}`;
    z(`${b}.norm1.weight`, [dim], b, { kind: 'ones' });
    z(`${b}.norm1.bias`, [dim], b);
    w(`${b}.attn.qkv.weight`, [dim, 3 * dim], b, 'linear');
    z(`${b}.attn.qkv.bias`, [3 * dim], b);
    w(`${b}.attn.proj.weight`, [dim, dim], b, 'linear');
    z(`${b}.attn.proj.bias`, [dim], b);
    z(`${b}.norm2.weight`, [dim], b, { kind: 'ones' });
    z(`${b}.norm2.bias`, [dim], b);
    w(`${b}.mlp.fc1.weight`, [dim, hidden], b, 'linear');
    z(`${b}.mlp.fc1.bias`, [hidden], b);
    w(`${b}.mlp.fc2.weight`, [hidden, dim], b, 'linear');
    z(`${b}.mlp.fc2.bias`, [dim], b);
  }
  z('norm.weight', [dim], 'norm', { kind: 'ones' });
  z('norm.bias', [dim], 'norm');
  w('head.weight', [dim, cfg.numClasses], 'head', 'linear');
  z('head.bias', [cfg.numClasses], 'head');

  const blocks = Array.from({ length: cfg.depth }, (_, i) => `blocks.${i}`);
  const layers = ['patch_embed', 'pos_embed', ...blocks, 'norm', 'head'];
  const groupOfLayer = new Map<string, GroupName>(layers.map((l) => [l, 'body']));
  groupOfLayer.set('patch_embed', 'embed');
  if (cfg.embed === 'patch+pos') groupOfLayer.set('pos_embed', 'embed');
  groupOfLayer.set('head', 'head');
  const inputShape = [cfg.imageSize, cfg.imageSize, C] as const;
  return { family: 'vit', specs, layers, groupOfLayer, inputShape, numClasses: cfg.numClasses };
}
