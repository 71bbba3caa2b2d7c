/**
 * Which of the engine's implementations of an op serves the active backend, asked of tfjs's
 * kernel registry: register-kernels.ts registers each kernel family on the backends it serves,
 * and an op takes a family's path where the family's probe kernel is registered for the active
 * backend (the pattern of the fused optimizer updates: optim/adamw.ts takes ADAMW_KERNEL where it
 * is registered). So no op names a backend, and a test or a count that unregisters a probe
 * kernel sends the op down its generic path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BN_STATS_KERNEL, BN_TRAIN_KERNEL } from './cpu-kernels/batch-norm-js';
import { FILTER_PHASES_KERNEL } from './cpu-kernels/conv-phases';
import { JS_KERNEL_BACKENDS } from './cpu-kernels/js-kernel';
import { LN_JS_KERNEL } from './cpu-kernels/layer-norm-js';
import { BN_WEBGPU_STATS_KERNEL } from './gpu-kernels/batch-norm-webgpu';
import { LN_KERNEL } from './gpu-kernels/model-ops-webgpu';
import { SQUARED_NORMS_KERNEL } from './gpu-kernels/squared-norms-webgpu';
import { hasKernel } from './kernel-call';

/** Each family and its probe kernel (where it is registered). */
const PROBES = {
  /** LayerNorm, GELU, linear layers' and convolutions' bias, scaled softmax as WGSL programs (webgpu). */
  webGpuModelOps: LN_KERNEL,
  /** BatchNorm(+ReLU) as WGSL programs (webgpu). */
  webGpuBatchNorm: BN_WEBGPU_STATS_KERNEL,
  /** The step's loss and squared gradient norms packed in ceil(P / 6) programs (webgpu). */
  webGpuSquaredNorms: SQUARED_NORMS_KERNEL,
  /** LayerNorm, linear layers' and conv biases as JS kernels, matmul and transpose overrides (wasm). */
  wasmModelOps: LN_JS_KERNEL,
  /** BatchNorm(+ReLU) as JS kernels (cpu, wasm). */
  jsBatchNorm: BN_TRAIN_KERNEL,
  /** BatchNorm's reductions in JS, its elementwise passes as XNNPACK depthwise convs (wasm). */
  splitBatchNorm: BN_STATS_KERNEL,
  /** A strided convolution's input gradient as forward convolutions by stride phase (wasm). */
  phaseConvInputGrad: FILTER_PHASES_KERNEL,
} as const;

export type KernelFamily = keyof typeof PROBES;

/** Whether `family` serves the active backend: tfjs's registry has its probe kernel there. */
export const served = (family: KernelFamily): boolean => hasKernel(PROBES[family]);

/**
 * Whether the active backend is a CPU-side one (cpu, wasm: the backends of the JS kernels), where
 * convolutions take the engine's gradients (models/cpu-conv.ts): tfjs's filter-gradient kernels are
 * a scalar loop on cpu and absent on wasm. The one choice made by the backend's name, because on
 * cpu that path runs no kernel of the engine's own to probe.
 */
export const onJsKernelBackend = (): boolean =>
  (JS_KERNEL_BACKENDS as readonly string[]).includes(tf.getBackend());
