/**
 * The one way the engine registers and calls its own tfjs kernels (JS kernels on cpu/wasm,
 * WGSL programs on webgpu): through the engine, so calls are taped for autodiff and tracked by
 * tidy like any op.
 */
import * as tf from '@tensorflow/tfjs-core';

/** What tfjs hands a kernel function. */
export type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

type Attrs = Record<string, number | boolean> | object;

/** Registers each [name, kernel function] on each backend (idempotent; a backend need not be loaded). */
export function registerKernels(backends: readonly string[], kernels: readonly [string, (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]][]): void {
  for (const backendName of backends) {
    for (const [kernelName, f] of kernels) {
      if (!tf.getKernel(kernelName, backendName)) tf.registerKernel({ kernelName, backendName, kernelFunc: f as unknown as tf.KernelFunc });
    }
  }
}

/** Whether the active backend has the kernel `name` (elsewhere callers take the generic ops). */
export const hasKernel = (name: string): boolean => tf.getKernel(name, tf.getBackend()) !== undefined;

/** Runs a registered single-output kernel on tensors. */
export const runKernel = (kernel: string, inputs: Record<string, tf.Tensor>, attrs: Attrs = {}): tf.Tensor =>
  tf.engine().runKernel(kernel, inputs as unknown as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;

/** Runs a registered kernel with several outputs: its outputs as tensors. */
export const runKernels = (kernel: string, inputs: Record<string, tf.Tensor>, attrs: Attrs = {}): tf.Tensor[] =>
  tf.engine().runKernel(kernel, inputs as unknown as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
