/**
 * The one way the engine registers and calls its own tfjs kernels (JS kernels on cpu/wasm,
 * WGSL programs on webgpu): through the engine, so calls are taped for autodiff and tracked by
 * tidy like any op.
 */
import * as tf from '@tensorflow/tfjs-core';

/** What tfjs hands a kernel function. */
export type KernelArgs = {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
};

type Attrs = Record<string, number | boolean> | object;

/** Registers each [name, kernel function] on each backend (idempotent; a backend need not be loaded). */
export function registerKernels(
  backends: readonly string[],
  kernels: readonly [string, (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]][],
): void {
  for (const backendName of backends) {
    for (const [kernelName, f] of kernels) {
      if (!tf.getKernel(kernelName, backendName))
        tf.registerKernel({ kernelName, backendName, kernelFunc: f });
    }
  }
}

/**
 * Whether tfjs's kernel registry has `name` for the active backend: how the engine picks an
 * implementation (kernel-paths.ts; the optimizers' fused updates), never by the backend's name.
 */
export const hasKernel = (name: string): boolean =>
  tf.getKernel(name, tf.getBackend()) !== undefined;

/** Runs a registered single-output kernel on tensors. */
export const runKernel = (
  kernel: string,
  inputs: Record<string, tf.Tensor>,
  attrs: Attrs = {},
): tf.Tensor =>
  tf
    .engine()
    .runKernel(
      kernel,
      inputs as unknown as tf.NamedTensorMap,
      attrs as unknown as tf.NamedAttrMap,
    ) as tf.Tensor;

/** Runs a registered kernel with several outputs: its outputs as tensors. */
export const runKernels = (
  kernel: string,
  inputs: Record<string, tf.Tensor>,
  attrs: Attrs = {},
): tf.Tensor[] =>
  tf
    .engine()
    .runKernel(
      kernel,
      inputs as unknown as tf.NamedTensorMap,
      attrs as unknown as tf.NamedAttrMap,
    ) as unknown as tf.Tensor[];

/** A kernel call's named inputs, each present (a missing one names itself: a caller's mistake). */
export function inputsOf<K extends string>(
  args: KernelArgs,
  ...names: K[]
): Record<K, tf.TensorInfo> {
  const entries = names.map((n): [K, tf.TensorInfo] => {
    const t = args.inputs[n];
    if (!t) throw new Error(`kernel input '${n}' is missing`);
    return [n, t];
  });
  return Object.fromEntries(entries) as Record<K, tf.TensorInfo>;
}

/** A kernel call's attributes, typed as the op that runs the kernel passes them. */
export const attrsOf = <T extends object>(args: KernelArgs): T =>
  (args.attrs ?? {}) as unknown as T;
