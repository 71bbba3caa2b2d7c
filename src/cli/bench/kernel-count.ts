/**
 * Kernels per training step, counted with tf.profile on the CPU backend (each kernel is one
 * dispatch on WebGPU, where a step is bound by dispatch overhead): deterministic, unlike times.
 * One full step (instrumented: gradient norms and the single readback) after a warm-up step
 * that creates the optimizer state. Counted twice: with the generic optimizer and BatchNorm ops
 * (as WebGL runs them: `kernelsPerStep`) and with the engine's fused kernels (as the cpu backend
 * runs them: `cpuKernelsPerStep`: one optimizer kernel per parameter, and the ResNet's BatchNorm
 * (+ReLU) as one kernel forward and one backward, cpu-kernels/batch-norm-js.ts; wasm runs the same but
 * for BatchNorm's elementwise passes, a few XNNPACK kernels; WebGPU has the fused optimizer
 * update too, 1–3 small programs, src/core/gpu-kernels).
 * The convolutions' gradients are the engine's on both counts (cpu-conv.ts); GPU backends run
 * tfjs's own.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ModelInstance } from '../../core/models/instance';
import { buildModel } from '../../core/models/build-model';
import { createOptimizer } from '../../core/optim/create';
import { defaultModelConfig, type Family } from '../../spec/model-config';
import { trainedParams } from '../../core/optim/param-groups';
import { Rng } from '../../core/rng';
import { trainStep } from '../../core/train/step';
import { ADAMW_KERNEL, SGD_KERNEL } from '../../core/cpu-kernels/fused-update';
import { MULTI_ADAMW_KERNEL, MULTI_SGD_KERNEL } from '../../core/cpu-kernels/multi-update';
import {
  BN_EVAL_KERNEL,
  BN_GRAD_KERNEL,
  BN_TRAIN_KERNEL,
} from '../../core/cpu-kernels/batch-norm-js';
import { registerEngineKernels } from '../../core/register-kernels';
import { defaultOptimizer } from '../../spec/optimizer-config';

export type OptimizerKind = 'sgd' | 'sgd-momentum' | 'adamw';
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = ['sgd', 'sgd-momentum', 'adamw'];

export interface KernelCount {
  model: Family;
  optimizer: OptimizerKind;
  freeze: boolean;
  batch: number;
  /** With the generic optimizer and BatchNorm ops (WebGL). */
  kernelsPerStep: number;
  /** As the cpu backend runs it (one multi-tensor optimizer kernel per step, BatchNorm as JS kernels). */
  cpuKernelsPerStep: number;
}

export async function countKernels(
  model: Family,
  optimizer: OptimizerKind,
  freeze: boolean,
  batch: number,
): Promise<KernelCount> {
  const cpu = await countOnce(model, optimizer, freeze, batch);
  // Without the fused kernels: the optimizer's and BatchNorm's generic ops, as on WebGL.
  for (const k of [
    MULTI_ADAMW_KERNEL,
    MULTI_SGD_KERNEL,
    ADAMW_KERNEL,
    SGD_KERNEL,
    BN_TRAIN_KERNEL,
    BN_GRAD_KERNEL,
    BN_EVAL_KERNEL,
  ])
    tf.unregisterKernel(k, 'cpu');
  try {
    const generic = await countOnce(model, optimizer, freeze, batch);
    return { model, optimizer, freeze, batch, kernelsPerStep: generic, cpuKernelsPerStep: cpu };
  } finally {
    registerEngineKernels(); // puts back what was taken off
  }
}

async function countOnce(
  model: Family,
  optimizer: OptimizerKind,
  freeze: boolean,
  batch: number,
): Promise<number> {
  const def = buildModel(defaultModelConfig(model));
  const m = ModelInstance.init(def, new Rng(1));
  const cfg = defaultOptimizer(optimizer, 1e-4);
  const opt = createOptimizer(cfg);
  const params = trainedParams(m, new Set(freeze ? ['embed'] : []), cfg);
  const [h, w, c] = def.inputShape;
  const rng = new Rng(2);
  const x = tf.tensor4d(
    Float32Array.from({ length: batch * h * w * c }, () => rng.normal()),
    [batch, h, w, c],
  );
  const y = tf.tensor1d(
    Int32Array.from({ length: batch }, (_, i) => i % def.numClasses),
    'int32',
  );
  try {
    await trainStep(m, opt, params, x, y, 1e-4); // warm-up: optimizer state exists from here on
    const prof = await tf.profile(async () => {
      await trainStep(m, opt, params, x, y, 1e-4);
    });
    return prof.kernels.length;
  } finally {
    tf.dispose([x, y]);
    opt.dispose();
    m.dispose();
  }
}
