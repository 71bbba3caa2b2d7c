/**
 * The micro Vision Transformer's forward pass (its spec: spec/vit-spec.ts): patchify,
 * class token and position embedding, pre-norm blocks of multi-head self-attention and an
 * exact-GELU MLP, final LayerNorm, the class token through a linear head.
 */
import * as tf from '@tensorflow/tfjs-core';
import { vitSpec, type VitConfig } from '../../spec/vit-spec';
import type { ModelDef, Params } from './model';
import { affine, embedTokens, gelu, layerNorm, linear, scaledSoftmax, splitQkv } from './ops';

const LN_EPS = 1e-6; // timm ViT uses LayerNorm(eps=1e-6)

export function buildVit(cfg: VitConfig): ModelDef {
  const spec = vitSpec(cfg); // validates the config
  const { dim, patchSize: ps, channels: C, heads } = cfg;
  const grid = cfg.imageSize / ps;
  const tokens = grid * grid + 1; // patches + cls
  const hd = dim / heads;
  const forward = (p: Params, x: tf.Tensor4D, _training: boolean) => {
    const B = x.shape[0];
    // Patchify as one matmul (the stride-ps, kernel-ps conv exactly, row-major patches as torch's
    // flatten(2)): [B, H, W, C] -> [B, g, ps, g, ps, C] -> [B, g, g, ps, ps, C] -> [B*N, ps*ps*C],
    // times the kernel [ps, ps, C, D] read as [ps*ps*C, D]. The conv's filter gradient was a
    // quarter of a CPU step (tfjs's scalar Conv2DBackpropFilter loop); a matmul's is a matmul.
    const grouped = tf.transpose(tf.reshape(x, [B, grid, ps, grid, ps, C]), [0, 1, 3, 2, 4, 5]);
    const patches = tf.reshape(grouped, [B * grid * grid, ps * ps * C]) as tf.Tensor2D;
    const kernel = tf.reshape(p('patch_embed.proj.weight'), [ps * ps * C, dim]) as tf.Tensor2D;
    let h: tf.Tensor = affine(patches, kernel, p('patch_embed.proj.bias')); // [B*N, D]
    h = tf.reshape(h, [B, grid * grid, dim]);
    // [cls; patches] + pos_embed: [B, T, D] (ops.ts embedTokens)
    h = embedTokens(h, p('cls_token'), p('pos_embed'));
    for (let i = 0; i < cfg.depth; i++) {
      const b = `blocks.${i}`;
      const normed = layerNorm(p, `${b}.norm1`, h, LN_EPS);
      h = tf.add(h, attention(p, `${b}.attn`, normed, B, tokens, heads, hd));
      const fc1 = linear(p, `${b}.mlp.fc1`, layerNorm(p, `${b}.norm2`, h, LN_EPS));
      h = tf.add(h, linear(p, `${b}.mlp.fc2`, gelu(fc1)));
    }
    h = layerNorm(p, 'norm', h, LN_EPS);
    const clsOut = tf.reshape(tf.slice(h, [0, 0, 0], [B, 1, dim]), [B, dim]); // [B, D]
    const logits = linear(p, 'head', clsOut) as tf.Tensor2D; // [B, numClasses]
    return { logits, bufferUpdates: new Map<string, tf.Tensor>() };
  };
  return { ...spec, forward };
}

/** Multi-head self-attention, x: [B, T, D] -> [B, T, D]. */
function attention(
  p: Params,
  name: string,
  x: tf.Tensor,
  B: number,
  T: number,
  heads: number,
  hd: number,
): tf.Tensor {
  const D = heads * hd;
  // [B, T, 3D] -> q, k, v [B*H, T, hd] (timm's reshape [B, T, 3, H, hd], permute(2, 0, 3, 1, 4), unbind)
  const [q3, k3, v3] = splitQkv(linear(p, `${name}.qkv`, x), heads) as [
    tf.Tensor3D,
    tf.Tensor3D,
    tf.Tensor3D,
  ];
  const weights = scaledSoftmax(tf.matMul(q3, k3, false, true), 1 / Math.sqrt(hd)); // [B*H, T, T]
  const out = tf.matMul(weights as tf.Tensor3D, v3); // [B*H, T, hd]
  const merged = tf.reshape(tf.transpose(tf.reshape(out, [B, heads, T, hd]), [0, 2, 1, 3]), [
    B,
    T,
    D,
  ]);
  return linear(p, `${name}.proj`, merged);
}
