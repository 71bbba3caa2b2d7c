/**
 * The WebGPU BatchNorm(+ReLU) programs (src/core/gpu-kernels/batch-norm-webgpu.ts) against the
 * generic ops they replace (models/ops.ts `batchNorm`, then tf.relu), on Dawn (dawn.node) with
 * whatever Vulkan driver the machine has (SwiftShader here). Run by
 * tests/unit/core/batch-norm-webgpu.test.ts in a child process (Dawn needs libvulkan on
 * LD_LIBRARY_PATH from the start). Prints one JSON line: per case, the largest difference of each
 * output (relative to that output's largest magnitude) and the dispatches of the fused and the
 * generic path; then tf.memory().numTensors after each of 6 tiny-ResNet training steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { compareFusedGeneric, useDawnWebGpu, type Comparison } from './dawn-setup';
import {
  BN_WEBGPU_STATS_KERNEL,
  registerWebGpuBatchNorm,
} from '../../src/core/gpu-kernels/batch-norm-webgpu';
import { batchNormAct } from '../../src/core/models/batch-norm';
import { ModelInstance } from '../../src/core/models/instance';
import { buildModel } from '../../src/core/models/build-model';
import { Rng } from '../../src/core/rng';
import { modelConfigOfSize } from '../../src/spec/model-config';
import { createOptimizer } from '../../src/core/optim/create';
import { trainedParams } from '../../src/core/optim/param-groups';
import { defaultOptimizer } from '../../src/spec/optimizer-config';
import { lossAndGrads, packLossAndSquares, trainStep } from '../../src/core/train/step';

await useDawnWebGpu(process.argv[2] as string);

const rng = new Rng(7);
const normal = (shape: number[], mean = 0, std = 1): tf.Tensor =>
  tf.tensor(
    Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => mean + std * rng.normal()),
    shape,
  );

const setFused = (on: boolean): void => {
  if (on) registerWebGpuBatchNorm();
  else tf.unregisterKernel(BN_WEBGPU_STATS_KERNEL, 'webgpu');
};

/** One BatchNorm's parameters and buffers (running_var positive), as a model would hold them. */
function bnState(c: number): Map<string, tf.Tensor> {
  return new Map([
    ['bn.weight', normal([c], 1, 0.5)],
    ['bn.bias', normal([c], 0, 0.5)],
    ['bn.running_mean', normal([c], 0, 0.3)],
    ['bn.running_var', tf.abs(normal([c], 1, 0.5))],
    ['bn.num_batches_tracked', tf.scalar(3, 'int32')],
  ]);
}

/**
 * Training mode: the output, the new running_mean, running_var and num_batches_tracked, then the
 * gradients of sum(BN(x) * u) w.r.t. x, weight and bias.
 */
function trainCase(shape: number[], relu: boolean): () => tf.Tensor[] {
  const c = shape[3] as number;
  const x = normal(shape, 0.5, 2) as tf.Tensor4D;
  const u = normal(shape);
  const state = bnState(c);
  const bn = (
    xx: tf.Tensor,
    ww: tf.Tensor,
    bb: tf.Tensor,
    updates: Map<string, tf.Tensor>,
  ): tf.Tensor => {
    const p = (n: string): tf.Tensor =>
      n === 'bn.weight' ? ww : n === 'bn.bias' ? bb : (state.get(n) as tf.Tensor);
    return batchNormAct(p, 'bn', xx as tf.Tensor4D, true, updates, relu);
  };
  return () => {
    const up = new Map<string, tf.Tensor>();
    const y = bn(x, state.get('bn.weight')!, state.get('bn.bias')!, up);
    const inner = new Map<string, tf.Tensor>();
    const grads = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
      tf.sum(tf.mul(bn(xx, ww, bb, inner), u)),
    )([x, state.get('bn.weight')!, state.get('bn.bias')!]);
    tf.dispose([...inner.values()]); // the updates are tf.keep'd: they leave the tidy
    return [
      y,
      up.get('bn.running_mean')!,
      up.get('bn.running_var')!,
      up.get('bn.num_batches_tracked')!,
      ...grads,
    ];
  };
}

/** Eval mode: the output with the running statistics. */
function evalCase(shape: number[], relu: boolean): () => tf.Tensor[] {
  const x = normal(shape, 0.5, 2) as tf.Tensor4D;
  const state = bnState(shape[3] as number);
  return () => [batchNormAct((n) => state.get(n) as tf.Tensor, 'bn', x, false, new Map(), relu)];
}

const model = ModelInstance.init(buildModel(modelConfigOfSize('resnet', 'tiny')), new Rng(1));
const [h, w, ch] = model.def.inputShape;
const xs = normal([4, h, w, ch]) as tf.Tensor4D;
const ys = tf.tensor1d(
  [0, 1, 2, 3].map((i) => i % model.def.numClasses),
  'int32',
);

/** The whole tiny ResNet: loss, every gradient, the step's packed loss and squared norms, the new running statistics. */
function resnetCase(): () => tf.Tensor[] {
  const names = model.trainableNames(new Set());
  return () => {
    const lg = lossAndGrads(model, names, xs, ys, true);
    const buffers = [...lg.bufferUpdates.keys()]
      .sort()
      .map((n) => lg.bufferUpdates.get(n) as tf.Tensor);
    return [
      lg.loss,
      ...names.map((n) => lg.grads.get(n) as tf.Tensor),
      packLossAndSquares(lg, names),
      ...buffers,
    ];
  };
}

/** The whole tiny ResNet in eval mode: its logits. */
function resnetEvalCase(): () => tf.Tensor[] {
  return () => [model.def.forward(model.params, xs, false).logits];
}

const cases: [string, () => tf.Tensor[]][] = [
  ['train relu [16, 28, 28, 16]', trainCase([16, 28, 28, 16], true)],
  ['train [16, 14, 14, 32]', trainCase([16, 14, 14, 32], false)],
  ['train relu [3, 5, 5, 70]', trainCase([3, 5, 5, 70], true)],
  ['eval relu [16, 14, 14, 32]', evalCase([16, 14, 14, 32], true)],
  ['eval [16, 7, 7, 64]', evalCase([16, 7, 7, 64], false)],
  ['resnet (tiny)', resnetCase()],
  ['resnet (tiny), eval', resnetEvalCase()],
];
const out: Record<string, Comparison | number[]> = {};
for (const [name, f] of cases) out[name] = await compareFusedGeneric(setFused, f);

/** tf.memory().numTensors after each of 6 full training steps (AdamW, norms read back): flat, no leak. */
async function tensorsPerStep(): Promise<number[]> {
  const m = ModelInstance.init(buildModel(modelConfigOfSize('resnet', 'tiny')), new Rng(1));
  const cfg = defaultOptimizer('adamw', 1e-3);
  const opt = createOptimizer(cfg);
  const params = trainedParams(m, new Set(), cfg);
  const counts: number[] = [];
  for (let i = 0; i < 6; i++) {
    await trainStep(m, opt, [...params], xs, ys, 1e-3, { step: i });
    counts.push(tf.memory().numTensors);
  }
  return counts;
}
out['tensors per step, resnet'] = await tensorsPerStep();
console.log(JSON.stringify(out));
process.exit(0);
