/**
 * The engine's own kernels on the CPU-side backends, against tfjs's generic ops on the CPU
 * backend (the reference): padded, strided convolutions with hand-written gradients (dx as
 * forward convolutions by stride phase on wasm), BatchNorm (+ReLU) as two JS kernels, and the
 * fused optimizer updates on wasm. Plus: a ResNet step on wasm leaks no tensor.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/cli/node-backend';
import { ADAMW_KERNEL, SGD_KERNEL } from '../../../src/core/cpu-kernels/fused-update';
import { hasKernel as hasFused } from '../../../src/core/kernel-call';
import { BN_TRAIN_KERNEL } from '../../../src/core/cpu-kernels/batch-norm-js';
import { batchNormAct } from '../../../src/core/models/batch-norm';
import { conv2dFastGrad } from '../../../src/core/models/cpu-conv';
import { ModelInstance } from '../../../src/core/models/instance';
import { batchNorm } from '../../../src/core/models/ops';
import { buildModel } from '../../../src/core/models/build-model';
import { createOptimizer } from '../../../src/core/optim/create';
import { trainedParams } from '../../../src/core/optim/param-groups';
import { Rng } from '../../../src/core/rng';
import { defaultModelConfig } from '../../../src/spec/model-config';
import { defaultOptimizer, type OptimizerConfig } from '../../../src/spec/optimizer-config';
import { trainStep } from '../../../src/core/train/step';
import { relErr } from '../../helpers/fixtures';
import { optimizerTrajectory } from '../../helpers/optimizer-trajectory';

afterAll(async () => {
  await useBackend('cpu');
});

const rand = (shape: number[], seed: number): Float32Array => {
  const rng = new Rng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
};

/** Value and gradients of sum(y * r) (r fixed and random, so every output element matters). */
async function convCase(
  backend: 'cpu' | 'wasm',
  ours: boolean,
  xs: number[],
  ws: number[],
  stride: number,
  pad: number,
): Promise<Float32Array[]> {
  await useBackend(backend);
  const x = tf.tensor4d(rand(xs, 1), xs as [number, number, number, number]);
  const w = tf.tensor4d(rand(ws, 2), ws as [number, number, number, number]);
  const f = (a: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor4D =>
    ours
      ? conv2dFastGrad(a, b, stride, pad)
      : tf.conv2d(a, b, stride, [
          [0, 0],
          [pad, pad],
          [pad, pad],
          [0, 0],
        ]);
  const y = f(x, w);
  const r = tf.tensor4d(rand(y.shape, 3), y.shape);
  const [gx, gw] = tf.grads((...[a, b]: tf.Tensor[]) =>
    tf.sum(tf.mul(f(a as tf.Tensor4D, b as tf.Tensor4D), r)),
  )([x, w]) as [tf.Tensor, tf.Tensor];
  const out = [
    (await y.data()) as Float32Array,
    (await gx.data()) as Float32Array,
    (await gw.data()) as Float32Array,
  ];
  tf.dispose([x, w, y, r, gx, gw]);
  return out;
}

describe('padded strided conv2d with the engine gradients', () => {
  it.each([
    // [x shape, w shape, stride, pad]: the ResNet's and ConvNeXt's cases, odd sizes, remainders
    [[2, 9, 9, 3], [3, 3, 3, 5], 1, 1],
    [[2, 9, 9, 3], [3, 3, 3, 5], 2, 1],
    [[2, 8, 8, 3], [3, 3, 3, 5], 2, 1],
    [[2, 8, 7, 4], [1, 1, 4, 6], 2, 0],
    [[2, 9, 9, 4], [1, 1, 4, 6], 2, 0],
    [[2, 8, 8, 4], [2, 2, 4, 6], 2, 0],
    [[2, 12, 12, 3], [4, 4, 3, 8], 4, 0],
    [[2, 11, 11, 3], [5, 5, 3, 4], 3, 2],
    [[2, 10, 10, 3], [3, 3, 3, 4], 1, 0],
  ])(
    'x %j, w %j, stride %i, pad %i: value and both gradients as tfjs computes them',
    async (xs, ws, stride, pad) => {
      const ref = await convCase('cpu', false, xs, ws, stride, pad);
      for (const backend of ['cpu', 'wasm'] as const) {
        const got = await convCase(backend, true, xs, ws, stride, pad);
        ['value', 'dx', 'dW'].forEach((what, i) =>
          expect(
            relErr(got[i] as Float32Array, ref[i] as Float32Array),
            `${backend} ${what}`,
          ).toBeLessThan(1e-5),
        );
      }
    },
  );

  it('inputGrad false: a zero input gradient, the same filter gradient', async () => {
    await useBackend('wasm');
    const x = tf.tensor4d(rand([2, 8, 8, 3], 1), [2, 8, 8, 3]);
    const w = tf.tensor4d(rand([3, 3, 3, 4], 2), [3, 3, 3, 4]);
    const g = (inputGrad: boolean) =>
      tf.grads((...[a, b]: tf.Tensor[]) =>
        tf.sum(tf.square(conv2dFastGrad(a as tf.Tensor4D, b as tf.Tensor4D, 1, 1, inputGrad))),
      )([x, w]);
    const [dx0, dw0] = g(false) as [tf.Tensor, tf.Tensor];
    const [, dw1] = g(true) as [tf.Tensor, tf.Tensor];
    expect(Math.max(...(await dx0.data()))).toBe(0);
    expect(relErr(await dw0.data(), await dw1.data())).toBe(0);
    tf.dispose([x, w, dx0, dw0, dw1]);
  });
});

describe('BatchNorm (+ReLU) as JS kernels against the generic ops', () => {
  const C = 6;
  const shape: [number, number, number, number] = [3, 5, 4, C];
  /** Training forward, gradients of sum(y * r) w.r.t. x, gamma, beta; running stats; eval forward. */
  async function bn(
    backend: 'cpu' | 'wasm',
    fused: boolean,
    relu: boolean,
  ): Promise<Float32Array[]> {
    await useBackend(backend);
    // A mean far from zero: the one-pass variance must not cancel.
    const x = tf.add(tf.tensor4d(rand(shape, 4), shape), 30) as tf.Tensor4D;
    const vals = new Map<string, tf.Tensor>([
      ['bn.weight', tf.tensor1d(rand([C], 5))],
      ['bn.bias', tf.tensor1d(rand([C], 6))],
      ['bn.running_mean', tf.tensor1d(rand([C], 7))],
      ['bn.running_var', tf.abs(tf.tensor1d(rand([C], 8)))],
      ['bn.num_batches_tracked', tf.scalar(3, 'int32')],
    ]);
    const p = (n: string): tf.Tensor => vals.get(n) as tf.Tensor;
    const r = tf.tensor4d(rand(shape, 9), shape);
    const f = (
      xx: tf.Tensor4D,
      g: tf.Tensor,
      b: tf.Tensor,
      training: boolean,
      up: Map<string, tf.Tensor>,
    ): tf.Tensor4D => {
      const q = (n: string): tf.Tensor => (n === 'bn.weight' ? g : n === 'bn.bias' ? b : p(n));
      if (fused) return batchNormAct(q, 'bn', xx, training, up, relu);
      const y = batchNorm(q, 'bn', xx, training, up);
      return relu ? tf.relu(y) : y;
    };
    const up = new Map<string, tf.Tensor>();
    const y = f(x, p('bn.weight'), p('bn.bias'), true, up);
    const grads = tf.grads((...[a, g, b]: tf.Tensor[]) =>
      tf.sum(tf.mul(f(a as tf.Tensor4D, g as tf.Tensor, b as tf.Tensor, true, new Map()), r)),
    )([x, p('bn.weight'), p('bn.bias')]);
    const evalY = f(x, p('bn.weight'), p('bn.bias'), false, new Map());
    const out: Float32Array[] = [];
    for (const t of [
      y,
      ...grads,
      up.get('bn.running_mean') as tf.Tensor,
      up.get('bn.running_var') as tf.Tensor,
      evalY,
    ])
      out.push(Float32Array.from(await t.data()));
    expect([...(await (up.get('bn.num_batches_tracked') as tf.Tensor).data())]).toEqual([4]);
    tf.dispose([x, r, y, evalY, ...grads, ...up.values(), ...vals.values()]);
    return out;
  }

  it.each([false, true])(
    'relu %s: forward, gradients, running statistics and eval mode on cpu and wasm',
    async (relu) => {
      const ref = await bn('cpu', false, relu);
      for (const backend of ['cpu', 'wasm'] as const) {
        await useBackend(backend);
        expect(tf.getKernel(BN_TRAIN_KERNEL, backend)).toBeDefined();
        const got = await bn(backend, true, relu);
        ['y', 'dx', 'dgamma', 'dbeta', 'running_mean', 'running_var', 'eval y'].forEach((what, i) =>
          expect(
            relErr(got[i] as Float32Array, ref[i] as Float32Array),
            `${backend} ${what}`,
          ).toBeLessThan(1e-4),
        );
      }
    },
  );
});

describe('fused optimizer updates on wasm', () => {
  async function trajectory(cfg: OptimizerConfig, fused: boolean): Promise<number[]> {
    await useBackend('wasm');
    const saved = fused
      ? []
      : [ADAMW_KERNEL, SGD_KERNEL].map((k) => tf.getKernel(k, 'wasm') as tf.KernelConfig);
    for (const k of saved) tf.unregisterKernel(k.kernelName, 'wasm');
    try {
      expect(hasFused(ADAMW_KERNEL)).toBe(fused);
      return await optimizerTrajectory(cfg);
    } finally {
      for (const k of saved) tf.registerKernel(k);
    }
  }

  it.each([
    ['sgd + momentum', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0 }],
    ['adamw', { kind: 'adamw', lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }],
  ] as [string, OptimizerConfig][])(
    '%s: six steps give the generic ops weights',
    async (_name, cfg) => {
      const fused = await trajectory(cfg, true);
      const generic = await trajectory(cfg, false);
      fused.forEach((v, i) =>
        expect(Math.abs(v - (generic[i] as number)), `element ${i}`).toBeLessThan(
          2e-6 * Math.max(1, Math.abs(v)),
        ),
      );
    },
  );
});

describe('a ResNet step on wasm', () => {
  it('holds no tensor more after each step (numTensors flat)', async () => {
    await useBackend('wasm');
    const def = buildModel(
      defaultModelConfig('resnet', {
        widths: [4, 8],
        blocks: [1, 1],
        imageSize: 12,
        numClasses: 3,
      }),
    );
    const model = ModelInstance.init(def, new Rng(1));
    const cfg = defaultOptimizer('adamw');
    const opt = createOptimizer(cfg);
    const params = trainedParams(model, new Set(), cfg);
    const x = tf.tensor4d(rand([4, 12, 12, 3], 2), [4, 12, 12, 3]);
    const y = tf.tensor1d([0, 1, 2, 0], 'int32');
    const counts: number[] = [];
    for (let s = 0; s < 4; s++) {
      await trainStep(model, opt, params, x, y, 1e-3);
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts.slice(1)).size).toBe(1);
    tf.dispose([x, y]);
    opt.dispose();
    model.dispose();
  });
});
