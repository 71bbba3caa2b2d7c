/**
 * The micro ResNet's forward pass (its spec: spec/resnet-spec.ts): conv-BN-ReLU stem,
 * basic blocks with projection shortcuts where the shape changes, global average pool, fc.
 * In training mode BatchNorm uses the batch's statistics and returns new running ones.
 */
import * as tf from '@tensorflow/tfjs-core';
import { resNetBlocks, resNetSpec, type ResNetConfig } from '../../spec/resnet-spec';
import type { ModelDef, Params } from './model';
import { batchNormAct } from './batch-norm';
import { conv2d, linear } from './ops';

export function buildResNet(cfg: ResNetConfig): ModelDef {
  const spec = resNetSpec(cfg); // validates the config
  const plan = resNetBlocks(cfg);
  const forward = (p: Params, x: tf.Tensor4D, training: boolean) => {
    const up = new Map<string, tf.Tensor>();
    // conv -> BatchNorm (updating `up` in training mode) -> optional ReLU; [B, H, W, C] in and out
    // (`inputGrad: false`: the stem's input is the image, which needs no gradient.)
    const cbn = (
      conv: string,
      bn: string,
      h: tf.Tensor4D,
      stride: number,
      pad: number,
      relu: boolean,
      inputGrad = true,
    ) =>
      batchNormAct(
        p,
        bn,
        conv2d(p, conv, h, { stride, pad, bias: false, inputGrad }),
        training,
        up,
        relu,
      );
    let h = cbn('conv1', 'bn1', x, 1, 1, true, false);
    for (const b of plan) {
      let y = cbn(`${b.name}.conv1`, `${b.name}.bn1`, h, b.stride, 1, true);
      y = cbn(`${b.name}.conv2`, `${b.name}.bn2`, y, 1, 1, false);
      const identity = b.proj
        ? cbn(`${b.name}.downsample.0`, `${b.name}.downsample.1`, h, b.stride, 0, false)
        : h;
      h = tf.relu(tf.add(y, identity));
    }
    const pooled = tf.mean(h, [1, 2]); // [B, C]
    return { logits: linear(p, 'fc', pooled) as tf.Tensor2D, bufferUpdates: up };
  };
  return { ...spec, forward };
}
