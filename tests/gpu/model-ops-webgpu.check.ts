/**
 * The WebGPU LayerNorm, GELU and squared-norm programs (src/core/gpu-kernels/model-ops-webgpu.ts,
 * squared-norms-webgpu.ts) against the generic ops they replace, on Dawn (dawn.node) with whatever
 * Vulkan driver the machine has (SwiftShader here). Run by tests/unit/core/model-ops-webgpu.test.ts
 * in a child process (Dawn needs libvulkan on LD_LIBRARY_PATH from the start). Prints one JSON
 * line: per case, the largest difference of each output (relative to that output's largest
 * magnitude) and the dispatches of the fused and the generic path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { compareFusedGeneric, useDawnWebGpu, type Comparison } from './dawn-setup';
import { LN_KERNEL, registerWebGpuModelOps } from '../../src/core/gpu-kernels/model-ops-webgpu';
import {
  SQUARED_NORMS_KERNEL,
  registerWebGpuSquaredNorms,
} from '../../src/core/gpu-kernels/squared-norms-webgpu';
import { gelu, layerNorm } from '../../src/core/models/ops';
import { ModelInstance } from '../../src/core/models/instance';
import { buildModel } from '../../src/core/models/build-model';
import { Rng } from '../../src/core/rng';
import { modelConfigOfSize, type Family } from '../../src/spec/model-config';
import { createOptimizer } from '../../src/core/optim/create';
import { trainedParams } from '../../src/core/optim/param-groups';
import { defaultOptimizer } from '../../src/spec/optimizer-config';
import { lossAndGrads, packLossAndSquares, trainStep } from '../../src/core/train/step';

await useDawnWebGpu(process.argv[2] as string);

const rng = new Rng(5);
const normal = (shape: number[], mean = 0, std = 1): tf.Tensor =>
  tf.tensor(
    Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => mean + std * rng.normal()),
    shape,
  );

const setFused = (on: boolean): void => {
  if (on) {
    registerWebGpuModelOps();
    registerWebGpuSquaredNorms();
  } else {
    tf.unregisterKernel(LN_KERNEL, 'webgpu');
    tf.unregisterKernel(SQUARED_NORMS_KERNEL, 'webgpu');
  }
};

/** LayerNorm's output and the gradients of sum(LN(x) * u) w.r.t. x, weight and bias. */
function layerNormCase(shape: number[]): () => tf.Tensor[] {
  const d = shape[shape.length - 1] as number;
  const x = normal(shape, 0.5, 2);
  const w = normal([d], 1, 0.5);
  const b = normal([d], 0, 0.5);
  const u = normal(shape);
  const ln = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor): tf.Tensor =>
    layerNorm((n) => (n.endsWith('weight') ? ww : bb), 'n', xx, 1e-6);
  return () => [
    ln(x, w, b),
    ...tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(ln(xx, ww, bb), u)))(
      [x, w, b],
    ),
  ];
}

function geluCase(shape: number[]): () => tf.Tensor[] {
  const x = normal(shape, 0, 2);
  const u = normal(shape);
  return () => [gelu(x), tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(gelu(xx), u)))(x)];
}

/** The step's packed readback over 8 gradients (two programs on WebGPU). */
function squaredNormsCase(): () => tf.Tensor[] {
  const grads = new Map(
    [[64, 256], [7], [3, 3, 4, 5], [1], [20000], [64], [9, 9], [1, 1, 64]].map(
      (s, i) => [`g${i}`, normal(s)] as const,
    ),
  );
  const loss = tf.scalar(2.5);
  return () => [packLossAndSquares({ loss, grads, bufferUpdates: new Map() }, [...grads.keys()])];
}

/** A whole tiny model: loss, every gradient, and the step's packed loss and squared norms. */
function modelCase(family: Family): () => tf.Tensor[] {
  const def = buildModel(modelConfigOfSize(family, 'tiny'));
  const model = ModelInstance.init(def, new Rng(1));
  const [h, w, c] = def.inputShape;
  const x = normal([4, h, w, c]) as tf.Tensor4D;
  const y = tf.tensor1d(
    [0, 1, 2, 3].map((i) => i % def.numClasses),
    'int32',
  );
  const names = model.trainableNames(new Set());
  return () => {
    const lg = lossAndGrads(model, names, x, y, true);
    return [
      lg.loss,
      ...names.map((n) => lg.grads.get(n) as tf.Tensor),
      packLossAndSquares(lg, names),
    ];
  };
}

const cases: [string, () => tf.Tensor[]][] = [
  ['layerNorm [16, 65, 64]', layerNormCase([16, 65, 64])],
  ['layerNorm [16, 14, 14, 24]', layerNormCase([16, 14, 14, 24])],
  ['layerNorm [16, 96]', layerNormCase([16, 96])],
  ['gelu [1040, 256]', geluCase([1040, 256])],
  ['squared norms', squaredNormsCase()],
  ['vit (tiny)', modelCase('vit')],
  ['convnext (tiny)', modelCase('convnext')],
];
const out: Record<string, Comparison | number[]> = {};
for (const [name, f] of cases) out[name] = await compareFusedGeneric(setFused, f);

/** tf.memory().numTensors after each of 6 full training steps (AdamW, norms read back): flat, no leak. */
async function tensorsPerStep(family: Family): Promise<number[]> {
  const model = ModelInstance.init(buildModel(modelConfigOfSize(family, 'tiny')), new Rng(1));
  const cfg = defaultOptimizer('adamw', 1e-3);
  const opt = createOptimizer(cfg);
  const params = trainedParams(model, new Set(), cfg);
  const [h, w, c] = model.def.inputShape;
  const x = normal([4, h, w, c]) as tf.Tensor4D;
  const y = tf.tensor1d(
    [0, 1, 2, 3].map((i) => i % model.def.numClasses),
    'int32',
  );
  const counts: number[] = [];
  for (let i = 0; i < 6; i++) {
    await trainStep(model, opt, [...params], x, y, 1e-3, { step: i });
    counts.push(tf.memory().numTensors);
  }
  return counts;
}
out['tensors per step, vit'] = await tensorsPerStep('vit');
out['tensors per step, convnext'] = await tensorsPerStep('convnext');
console.log(JSON.stringify(out));
process.exit(0);
