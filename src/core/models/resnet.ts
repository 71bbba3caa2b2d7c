/**
 * Micro ResNet with BatchNorm, torchvision layout and names (conv1/bn1 stem, layerN.M basic
 * blocks with downsample.0/.1 projections, fc head). The paper's BiT-like control: a family
 * whose embedding gradients stay small when it was pretrained with SGD.
 * CIFAR-style stem (3x3, stride 1, no max-pool) because inputs are 28x28.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelDef, Params } from './model';
import type { GroupName, ParamSpec } from './param-spec';
import { batchNorm, conv2d, linear } from './ops';

export interface ResNetConfig {
  imageSize: number;
  channels: number;
  widths: number[];
  blocks: number[];
  numClasses: number;
  /** What freeze-embed freezes. 'stem+layer1' is the paper's choice for BiT (root + first block group). */
  embed: 'stem+layer1' | 'stem';
}

export const RESNET_DEFAULT: ResNetConfig = {
  imageSize: 28,
  channels: 3,
  widths: [16, 32, 64],
  blocks: [1, 1, 1],
  numClasses: 10,
  embed: 'stem+layer1',
};

export function buildResNet(cfg: ResNetConfig): ModelDef {
  if (cfg.widths.length !== cfg.blocks.length) throw new Error('widths and blocks must have the same length');
  const specs: ParamSpec[] = [];
  const layers: string[] = [];
  const groupOfLayer = new Map<string, GroupName>();
  const begin = (layer: string, group: GroupName): void => {
    layers.push(layer);
    groupOfLayer.set(layer, group);
  };
  const conv = (layer: string, name: string, k: number, cin: number, cout: number): void => {
    // Kaiming normal, fan_out, as torchvision's ResNet.
    specs.push({ name: `${name}.weight`, shape: [k, k, cin, cout], layout: 'conv', layer, kind: 'param', decay: true, init: { kind: 'kaimingNormal', fan: k * k * cout } });
  };
  const bn = (layer: string, name: string, c: number): void => {
    const plain = { shape: [c], layout: 'plain', layer } as const;
    specs.push({ ...plain, name: `${name}.weight`, kind: 'param', decay: false, init: { kind: 'ones' } });
    specs.push({ ...plain, name: `${name}.bias`, kind: 'param', decay: false, init: { kind: 'zeros' } });
    specs.push({ ...plain, name: `${name}.running_mean`, kind: 'buffer', decay: false, init: { kind: 'zeros' } });
    specs.push({ ...plain, name: `${name}.running_var`, kind: 'buffer', decay: false, init: { kind: 'ones' } });
    // Scalar counter torch keeps beside the statistics (int64 in checkpoints).
    specs.push({ name: `${name}.num_batches_tracked`, shape: [], layout: 'plain', layer, kind: 'buffer', decay: false, init: { kind: 'zeros' } });
  };

  const w0 = cfg.widths[0] as number;
  begin('stem', 'embed');
  conv('stem', 'conv1', 3, cfg.channels, w0);
  bn('stem', 'bn1', w0);
  const plan: { name: string; cin: number; cout: number; stride: number; proj: boolean }[] = [];
  let cin = w0;
  cfg.widths.forEach((w, s) => {
    for (let j = 0; j < (cfg.blocks[s] as number); j++) {
      const stride = s > 0 && j === 0 ? 2 : 1;
      const name = `layer${s + 1}.${j}`;
      const proj = stride !== 1 || cin !== w;
      begin(name, s === 0 && cfg.embed === 'stem+layer1' ? 'embed' : 'body');
      conv(name, `${name}.conv1`, 3, cin, w);
      bn(name, `${name}.bn1`, w);
      conv(name, `${name}.conv2`, 3, w, w);
      bn(name, `${name}.bn2`, w);
      if (proj) {
        conv(name, `${name}.downsample.0`, 1, cin, w);
        bn(name, `${name}.downsample.1`, w);
      }
      plan.push({ name, cin, cout: w, stride, proj });
      cin = w;
    }
  });
  begin('fc', 'head');
  specs.push({ name: 'fc.weight', shape: [cin, cfg.numClasses], layout: 'linear', layer: 'fc', kind: 'param', decay: true, init: { kind: 'truncNormal', std: 0.02 } });
  specs.push({ name: 'fc.bias', shape: [cfg.numClasses], layout: 'plain', layer: 'fc', kind: 'param', decay: false, init: { kind: 'zeros' } });

  const forward = (p: Params, x: tf.Tensor4D, training: boolean) => {
    const up = new Map<string, tf.Tensor>();
    let h = tf.relu(batchNorm(p, 'bn1', conv2d(p, 'conv1', x, { stride: 1, pad: 1, bias: false }), training, up));
    for (const b of plan) {
      let y = tf.relu(batchNorm(p, `${b.name}.bn1`, conv2d(p, `${b.name}.conv1`, h, { stride: b.stride, pad: 1, bias: false }), training, up));
      y = batchNorm(p, `${b.name}.bn2`, conv2d(p, `${b.name}.conv2`, y, { stride: 1, pad: 1, bias: false }), training, up);
      const identity = b.proj
        ? batchNorm(p, `${b.name}.downsample.1`, conv2d(p, `${b.name}.downsample.0`, h, { stride: b.stride, pad: 0, bias: false }), training, up)
        : h;
      h = tf.relu(tf.add(y, identity));
    }
    const pooled = tf.mean(h, [1, 2]); // [B, C]
    return { logits: linear(p, 'fc', pooled) as tf.Tensor2D, bufferUpdates: up };
  };

  return {
    family: 'resnet',
    specs,
    layers,
    groupOfLayer,
    inputShape: [cfg.imageSize, cfg.imageSize, cfg.channels],
    numClasses: cfg.numClasses,
    forward,
  };
}
