/**
 * Micro Vision Transformer, timm layout and names (VisionTransformer with class token,
 * learned position embedding, pre-norm blocks, exact GELU MLP, final norm, linear head).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelDef, Params } from './model';
import type { GroupName, ParamSpec } from './param-spec';
import { gelu, layerNorm, linear } from './ops';

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

const LN_EPS = 1e-6; // timm ViT uses LayerNorm(eps=1e-6)

export function buildVit(cfg: VitConfig): ModelDef {
  const { dim, patchSize: ps, channels: C } = cfg;
  if (cfg.imageSize % ps !== 0) throw new Error(`imageSize ${cfg.imageSize} is not a multiple of patchSize ${ps}`);
  if (dim % cfg.heads !== 0) throw new Error(`dim ${dim} is not divisible by heads ${cfg.heads}`);
  const grid = cfg.imageSize / ps;
  const tokens = grid * grid + 1; // patches + cls
  const hidden = dim * cfg.mlpRatio;
  const specs: ParamSpec[] = [];
  const w = (name: string, shape: number[], layer: string, layout: ParamSpec['layout'], decay = true): void => {
    specs.push({ name, shape, layer, layout, kind: 'param', decay, init: { kind: 'truncNormal', std: 0.02 } });
  };
  const z = (name: string, shape: number[], layer: string, init: ParamSpec['init'] = { kind: 'zeros' }): void => {
    specs.push({ name, shape, layer, layout: 'plain', kind: 'param', decay: false, init });
  };

  w('patch_embed.proj.weight', [ps, ps, C, dim], 'patch_embed', 'conv');
  z('patch_embed.proj.bias', [dim], 'patch_embed');
  // No weight decay on cls token / position embedding (timm's no_weight_decay()).
  specs.push({ name: 'cls_token', shape: [1, 1, dim], layer: 'pos_embed', layout: 'plain', kind: 'param', decay: false, init: { kind: 'truncNormal', std: 0.02 } });
  specs.push({ name: 'pos_embed', shape: [1, tokens, dim], layer: 'pos_embed', layout: 'plain', kind: 'param', decay: false, init: { kind: 'truncNormal', std: 0.02 } });
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

  const layers = ['patch_embed', 'pos_embed', ...Array.from({ length: cfg.depth }, (_, i) => `blocks.${i}`), 'norm', 'head'];
  const groupOfLayer = new Map<string, GroupName>(layers.map((l) => [l, 'body']));
  groupOfLayer.set('patch_embed', 'embed');
  if (cfg.embed === 'patch+pos') groupOfLayer.set('pos_embed', 'embed');
  groupOfLayer.set('head', 'head');

  const heads = cfg.heads;
  const hd = dim / heads;
  const forward = (p: Params, x: tf.Tensor4D, _training: boolean) => {
    const B = x.shape[0];
    // Patchify as one matmul (the stride-ps, kernel-ps conv exactly, row-major patches as torch's
    // flatten(2)): [B, H, W, C] -> [B, g, ps, g, ps, C] -> [B, g, g, ps, ps, C] -> [B*N, ps*ps*C],
    // times the kernel [ps, ps, C, D] read as [ps*ps*C, D]. The conv's filter gradient was a
    // quarter of a CPU step (tfjs's scalar Conv2DBackpropFilter loop); a matmul's is a matmul.
    const patches = tf.reshape(tf.transpose(tf.reshape(x, [B, grid, ps, grid, ps, C]), [0, 1, 3, 2, 4, 5]), [B * grid * grid, ps * ps * C]);
    const kernel = tf.reshape(p('patch_embed.proj.weight'), [ps * ps * C, dim]);
    let h: tf.Tensor = tf.add(tf.matMul(patches as tf.Tensor2D, kernel as tf.Tensor2D), p('patch_embed.proj.bias')); // [B*N, D]
    h = tf.reshape(h, [B, grid * grid, dim]);
    const cls = tf.tile(p('cls_token'), [B, 1, 1]); // [B, 1, D]
    h = tf.add(tf.concat([cls, h], 1), p('pos_embed')); // [B, T, D]
    for (let i = 0; i < cfg.depth; i++) {
      const b = `blocks.${i}`;
      h = tf.add(h, attention(p, `${b}.attn`, layerNorm(p, `${b}.norm1`, h, LN_EPS), B, tokens, heads, hd));
      const m = linear(p, `${b}.mlp.fc2`, gelu(linear(p, `${b}.mlp.fc1`, layerNorm(p, `${b}.norm2`, h, LN_EPS))));
      h = tf.add(h, m);
    }
    h = layerNorm(p, 'norm', h, LN_EPS);
    const clsOut = tf.reshape(tf.slice(h, [0, 0, 0], [B, 1, dim]), [B, dim]); // [B, D]
    return { logits: linear(p, 'head', clsOut) as tf.Tensor2D, bufferUpdates: new Map<string, tf.Tensor>() };
  };

  return { family: 'vit', specs, layers, groupOfLayer, inputShape: [cfg.imageSize, cfg.imageSize, C], numClasses: cfg.numClasses, forward };
}

/** Multi-head self-attention, x: [B, T, D] -> [B, T, D]. */
function attention(p: Params, name: string, x: tf.Tensor, B: number, T: number, heads: number, hd: number): tf.Tensor {
  const D = heads * hd;
  // [B, T, 3D] -> [B, T, 3, H, hd] -> [3, B, H, T, hd] (timm's permute(2, 0, 3, 1, 4))
  const qkv = tf.transpose(tf.reshape(linear(p, `${name}.qkv`, x), [B, T, 3, heads, hd]), [2, 0, 3, 1, 4]);
  const [q, k, v] = tf.unstack(qkv, 0) as [tf.Tensor, tf.Tensor, tf.Tensor]; // each [B, H, T, hd]
  const q3 = tf.reshape(q, [B * heads, T, hd]) as tf.Tensor3D;
  const k3 = tf.reshape(k, [B * heads, T, hd]) as tf.Tensor3D;
  const v3 = tf.reshape(v, [B * heads, T, hd]) as tf.Tensor3D;
  const scores = tf.mul(tf.matMul(q3, k3, false, true), 1 / Math.sqrt(hd)); // [B*H, T, T]
  const out = tf.matMul(tf.softmax(scores, -1) as tf.Tensor3D, v3); // [B*H, T, hd]
  const merged = tf.reshape(tf.transpose(tf.reshape(out, [B, heads, T, hd]), [0, 2, 1, 3]), [B, T, D]);
  return linear(p, `${name}.proj`, merged);
}
