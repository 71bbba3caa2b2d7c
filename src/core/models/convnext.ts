/**
 * Micro ConvNeXt, timm layout and names: patchify stem + LayerNorm, stages of
 * [depthwise 7x7 -> LayerNorm -> Linear 4x -> GELU -> Linear -> layer scale] residual blocks,
 * LayerNorm + 2x2 stride-2 conv between stages, global average pool + LayerNorm + Linear head.
 * Channels-last throughout (timm's conv_mlp=False path, where the MLP is nn.Linear).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelDef, Params } from './model';
import type { GroupName, ParamSpec } from './param-spec';
import { conv2d, depthwiseConv2d, gelu, layerNorm, linear } from './ops';

export interface ConvNextConfig {
  imageSize: number;
  channels: number;
  /** Stem conv kernel = stride. */
  patchSize: number;
  dims: number[];
  depths: number[];
  numClasses: number;
  /** Initial layer-scale value (timm default 1e-6). */
  layerScaleInit: number;
  /**
   * What freeze-embed freezes. 'stem+stage0' is the paper's choice for ConvNeXt (stem and the
   * whole first stage); 'stem' was its ablation (slightly worse).
   */
  embed: 'stem+stage0' | 'stem';
}

export const CONVNEXT_DEFAULT: ConvNextConfig = {
  imageSize: 28,
  channels: 3,
  patchSize: 2,
  dims: [24, 48, 96],
  depths: [1, 1, 2],
  numClasses: 10,
  layerScaleInit: 1e-6,
  embed: 'stem+stage0',
};

const LN_EPS = 1e-6;
const KERNEL = 7;

export function buildConvNext(cfg: ConvNextConfig): ModelDef {
  if (cfg.dims.length !== cfg.depths.length) throw new Error('dims and depths must have the same length');
  const specs: ParamSpec[] = [];
  const layers: string[] = [];
  const groupOfLayer = new Map<string, GroupName>();
  const tn = { kind: 'truncNormal', std: 0.02 } as const;
  const add = (layer: string, group: GroupName, items: Omit<ParamSpec, 'layer' | 'kind'>[]): void => {
    layers.push(layer);
    groupOfLayer.set(layer, group);
    for (const it of items) specs.push({ ...it, layer, kind: 'param' });
  };
  const norm = (name: string, c: number): Omit<ParamSpec, 'layer' | 'kind'>[] => [
    { name: `${name}.weight`, shape: [c], layout: 'plain', decay: false, init: { kind: 'ones' } },
    { name: `${name}.bias`, shape: [c], layout: 'plain', decay: false, init: { kind: 'zeros' } },
  ];
  const convW = (name: string, k: number, cin: number, cout: number): Omit<ParamSpec, 'layer' | 'kind'>[] => [
    { name: `${name}.weight`, shape: [k, k, cin, cout], layout: 'conv', decay: true, init: tn },
    { name: `${name}.bias`, shape: [cout], layout: 'plain', decay: false, init: { kind: 'zeros' } },
  ];
  const d0 = cfg.dims[0] as number;
  add('stem', 'embed', [...convW('stem.0', cfg.patchSize, cfg.channels, d0), ...norm('stem.1', d0)]);
  cfg.dims.forEach((d, s) => {
    const inEmbed = s === 0 && cfg.embed === 'stem+stage0';
    if (s > 0) {
      const prev = cfg.dims[s - 1] as number;
      add(`stages.${s}.downsample`, 'body', [...norm(`stages.${s}.downsample.0`, prev), ...convW(`stages.${s}.downsample.1`, 2, prev, d)]);
    }
    for (let j = 0; j < (cfg.depths[s] as number); j++) {
      const b = `stages.${s}.blocks.${j}`;
      add(b, inEmbed ? 'embed' : 'body', [
        { name: `${b}.conv_dw.weight`, shape: [KERNEL, KERNEL, d, 1], layout: 'dwconv', decay: true, init: tn },
        { name: `${b}.conv_dw.bias`, shape: [d], layout: 'plain', decay: false, init: { kind: 'zeros' } },
        ...norm(`${b}.norm`, d),
        { name: `${b}.mlp.fc1.weight`, shape: [d, 4 * d], layout: 'linear', decay: true, init: tn },
        { name: `${b}.mlp.fc1.bias`, shape: [4 * d], layout: 'plain', decay: false, init: { kind: 'zeros' } },
        { name: `${b}.mlp.fc2.weight`, shape: [4 * d, d], layout: 'linear', decay: true, init: tn },
        { name: `${b}.mlp.fc2.bias`, shape: [d], layout: 'plain', decay: false, init: { kind: 'zeros' } },
        { name: `${b}.gamma`, shape: [d], layout: 'plain', decay: false, init: { kind: 'const', value: cfg.layerScaleInit } },
      ]);
    }
  });
  const dl = cfg.dims[cfg.dims.length - 1] as number;
  add('head.norm', 'body', norm('head.norm', dl));
  add('head.fc', 'head', [
    { name: 'head.fc.weight', shape: [dl, cfg.numClasses], layout: 'linear', decay: true, init: tn },
    { name: 'head.fc.bias', shape: [cfg.numClasses], layout: 'plain', decay: false, init: { kind: 'zeros' } },
  ]);

  const forward = (p: Params, x: tf.Tensor4D, _training: boolean) => {
    // [B, H, W, C] -> [B, H/ps, W/ps, d0]
    let h = conv2d(p, 'stem.0', x, { stride: cfg.patchSize, pad: 0, bias: true });
    h = layerNorm(p, 'stem.1', h, LN_EPS) as tf.Tensor4D;
    cfg.dims.forEach((_d, s) => {
      if (s > 0) {
        h = layerNorm(p, `stages.${s}.downsample.0`, h, LN_EPS) as tf.Tensor4D;
        h = conv2d(p, `stages.${s}.downsample.1`, h, { stride: 2, pad: 0, bias: true }); // halves H, W
      }
      for (let j = 0; j < (cfg.depths[s] as number); j++) {
        const b = `stages.${s}.blocks.${j}`;
        let y: tf.Tensor = depthwiseConv2d(p, `${b}.conv_dw`, h, (KERNEL - 1) / 2);
        y = layerNorm(p, `${b}.norm`, y, LN_EPS);
        y = linear(p, `${b}.mlp.fc2`, gelu(linear(p, `${b}.mlp.fc1`, y)));
        h = tf.add(h, tf.mul(y, p(`${b}.gamma`))) as tf.Tensor4D;
      }
    });
    const pooled = tf.mean(h, [1, 2]); // [B, C]
    const logits = linear(p, 'head.fc', layerNorm(p, 'head.norm', pooled, LN_EPS)) as tf.Tensor2D;
    return { logits, bufferUpdates: new Map<string, tf.Tensor>() };
  };

  return {
    family: 'convnext',
    specs,
    layers,
    groupOfLayer,
    inputShape: [cfg.imageSize, cfg.imageSize, cfg.channels],
    numClasses: cfg.numClasses,
    forward,
  };
}
