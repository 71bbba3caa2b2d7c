/**
 * Kernels per training step, counted with tf.profile on the CPU backend (each kernel is one
 * dispatch on WebGPU, where a step is bound by dispatch overhead): deterministic, unlike times.
 * One full step (instrumented: gradient norms and the single readback) after a warm-up step
 * that creates the optimizer state. Counted twice: with the generic optimizer ops (as WebGL and
 * wasm run it: `kernelsPerStep`) and with the fused optimizer update (as the cpu and webgpu
 * backends run it, one kernel per parameter: `cpuKernelsPerStep`; on WebGPU that kernel is 1–3
 * small programs, src/core/gpu-kernels).
 */
import * as tf from '@tensorflow/tfjs-core';
import { ModelInstance } from '../core/models/instance';
import { buildModel } from '../core/models/registry';
import { createOptimizer } from '../core/optim/create';
import { defaultModelConfig, type Family } from '../core/spec/model-config';
import { trainedParams } from '../core/optim/param-groups';
import { Rng } from '../core/rng';
import { trainStep } from '../core/train/step';
import { ADAMW_KERNEL, registerCpuFusedUpdates, SGD_KERNEL } from '../core/cpu-kernels/fused-update';
import { defaultOptimizer } from '../core/spec/optimizer-config';

export type OptimizerKind = 'sgd' | 'sgd-momentum' | 'adamw';
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = ['sgd', 'sgd-momentum', 'adamw'];

export interface KernelCount {
  model: Family;
  optimizer: OptimizerKind;
  freeze: boolean;
  batch: number;
  /** With the generic optimizer ops (WebGL, wasm). */
  kernelsPerStep: number;
  /** As the CPU backend runs it (one fused optimizer kernel per parameter). */
  cpuKernelsPerStep: number;
}

export async function countKernels(model: Family, optimizer: OptimizerKind, freeze: boolean, batch: number): Promise<KernelCount> {
  const cpu = await countOnce(model, optimizer, freeze, batch);
  // Without the fused kernels: the optimizer's generic ops, as on WebGL and wasm.
  tf.unregisterKernel(ADAMW_KERNEL, 'cpu');
  tf.unregisterKernel(SGD_KERNEL, 'cpu');
  try {
    const generic = await countOnce(model, optimizer, freeze, batch);
    return { model, optimizer, freeze, batch, kernelsPerStep: generic, cpuKernelsPerStep: cpu };
  } finally {
    registerCpuFusedUpdates();
  }
}

async function countOnce(model: Family, optimizer: OptimizerKind, freeze: boolean, batch: number): Promise<number> {
  const def = buildModel(defaultModelConfig(model));
  const m = ModelInstance.init(def, new Rng(1));
  const cfg = defaultOptimizer(optimizer, 1e-4);
  const opt = createOptimizer(cfg);
  const params = trainedParams(m, new Set(freeze ? ['embed'] : []), cfg);
  const [h, w, c] = def.inputShape;
  const rng = new Rng(2);
  const x = tf.tensor4d(Float32Array.from({ length: batch * h * w * c }, () => rng.normal()), [batch, h, w, c]);
  const y = tf.tensor1d(Int32Array.from({ length: batch }, (_, i) => i % def.numClasses), 'int32');
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
