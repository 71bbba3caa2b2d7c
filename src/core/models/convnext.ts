/**
 * The micro ConvNeXt's forward pass (its spec: spec/convnext-spec.ts), channels-last
 * throughout (timm's conv_mlp=False path, where the MLP is nn.Linear).
 */
import * as tf from '@tensorflow/tfjs-core';
import { CONVNEXT_KERNEL, convNextSpec, type ConvNextConfig } from '../../spec/convnext-spec';
import type { ModelDef, Params } from './model';
import { conv2d, depthwiseConv2d, gelu, layerNorm, linear } from './ops';

const LN_EPS = 1e-6;

export function buildConvNext(cfg: ConvNextConfig): ModelDef {
  const spec = convNextSpec(cfg); // validates the config
  const forward = (p: Params, x: tf.Tensor4D, _training: boolean) => {
    // [B, H, W, C] -> [B, H/ps, W/ps, d0]
    // (The stem's input is the image: no input gradient.)
    let h = conv2d(p, 'stem.0', x, { stride: cfg.patchSize, pad: 0, bias: true, inputGrad: false });
    h = layerNorm(p, 'stem.1', h, LN_EPS) as tf.Tensor4D;
    cfg.dims.forEach((_d, s) => {
      if (s > 0) {
        h = layerNorm(p, `stages.${s}.downsample.0`, h, LN_EPS) as tf.Tensor4D;
        // Halves H and W.
        h = conv2d(p, `stages.${s}.downsample.1`, h, { stride: 2, pad: 0, bias: true });
      }
      for (let j = 0; j < (cfg.depths[s] as number); j++) {
        const b = `stages.${s}.blocks.${j}`;
        let y: tf.Tensor = depthwiseConv2d(p, `${b}.conv_dw`, h, (CONVNEXT_KERNEL - 1) / 2);
        y = layerNorm(p, `${b}.norm`, y, LN_EPS);
        y = linear(p, `${b}.mlp.fc2`, gelu(linear(p, `${b}.mlp.fc1`, y)));
        h = tf.add(h, tf.mul(y, p(`${b}.gamma`))) as tf.Tensor4D;
      }
    });
    const pooled = tf.mean(h, [1, 2]); // [B, C]
    const logits = linear(p, 'head.fc', layerNorm(p, 'head.norm', pooled, LN_EPS)) as tf.Tensor2D;
    return { logits, bufferUpdates: new Map<string, tf.Tensor>() };
  };
  return { ...spec, forward };
}
