/**
 * LayerNorm and exact GELU as a few WGSL programs on tfjs's WebGPU backend, forward and backward
 * (layer-norm-webgpu.ts and gelu-webgpu.ts; registered here).
 *
 * Why: on WebGPU every tfjs kernel that computes is one dispatch. The generic LayerNorm
 * (models/ops.ts: moments, subtract, sqrt, divide, scale, shift) is 10 dispatches forward and
 * 28 more backward, where autodiff goes through each op and reduces every broadcast; the generic
 * GELU is 5 forward and 10 backward. The micro ViT runs 9 LayerNorms and 4 GELUs per step, the
 * ConvNeXt 8 and 4: fusing them takes 349 and 316 dispatches off a step (docs/performance.md). Here a
 * LayerNorm is 1 dispatch forward and 2 backward (dx; dgamma with dbeta), a GELU 1 and 1, with
 * the gradients given through tf.customGrad so autodiff works unchanged.
 *
 * Registered for webgpu only, and taken (with linear-webgpu.ts and softmax-webgpu.ts) where tfjs's
 * registry has LN_KERNEL for the active backend (kernel-paths.ts); cpu, wasm and webgl keep the
 * generic ops, their kernels and numerics. Arithmetic in f32, as the generic ops on the GPU: the
 * same two-pass mean and biased variance, the same erf approximation (Abramowitz-Stegun 7.1.26,
 * tfjs's own). tests/unit/core/model-ops-webgpu.test.ts holds them to the generic path on Dawn.
 *
 * The programs' layouts: layer-norm-webgpu-programs.ts.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { registerWebGpuKernels } from './webgpu-program';
import type { KernelArgs } from '../kernel-call';
import { GELU_KERNELS } from './gelu-webgpu';
import {
  COLUMN_SUM_KERNEL,
  LN_GRAD_GAMMA_KERNEL,
  LN_GRAD_X_KERNEL,
  LN_KERNEL,
  LN_STATS_KERNEL,
  columnSum,
  layerNorm,
  layerNormGradGamma,
  layerNormGradX,
  layerNormStats,
} from './layer-norm-webgpu-programs';
import { LN_FUSED_KERNELS } from './layer-norm-webgpu';

export { GELU_GRAD_KERNEL, GELU_KERNEL, geluWebGpu } from './gelu-webgpu';
export { layerNormWebGpu } from './layer-norm-webgpu';
export {
  COLUMN_SUM_KERNEL,
  LN_GRAD_GAMMA_KERNEL,
  LN_GRAD_X_KERNEL,
  LN_KERNEL,
  LN_STATS_KERNEL,
} from './layer-norm-webgpu-programs';

const KERNELS: [string, (a: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]][] = [
  [LN_KERNEL, layerNorm],
  [LN_STATS_KERNEL, layerNormStats],
  [LN_GRAD_X_KERNEL, layerNormGradX],
  [LN_GRAD_GAMMA_KERNEL, layerNormGradGamma],
  [COLUMN_SUM_KERNEL, columnSum],
  ...LN_FUSED_KERNELS,
  ...GELU_KERNELS,
];

/** Registers the kernels for the WebGPU backend (idempotent; the backend itself need not be loaded). */
export const registerWebGpuModelOps = (): void => registerWebGpuKernels(KERNELS);
