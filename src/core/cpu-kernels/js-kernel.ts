/**
 * Kernels written in plain JavaScript over float32 arrays, for the two CPU-side backends: tfjs's
 * CPU backend (its tensors are JS typed arrays) and tfjs-backend-wasm (its tensors live in the
 * WebAssembly heap; a kernel reads and writes them there through Float32Array views, with no
 * copy). One pass in JS replaces a chain of small tfjs kernels where each would pay its own
 * call, allocation and bookkeeping (on wasm also a transpose before most reductions).
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerKernels, type KernelArgs } from '../kernel-call';

/** The backends a JS kernel is registered for. */
export const JS_KERNEL_BACKENDS = ['cpu', 'wasm'] as const;

type CpuBackend = {
  data: { get(id: tf.DataId): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
};
type WasmBackend = {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
};

/**
 * Runs `body` over float32 views of `inputs` and of fresh outputs of `outShapes`, on whichever
 * of the two backends is `backend`. Outputs start zeroed on cpu and uninitialised on wasm:
 * `body` writes every element.
 */
export function jsKernel(
  backend: unknown,
  inputs: readonly tf.TensorInfo[],
  outShapes: readonly number[][],
  body: (ins: Float32Array[], outs: Float32Array[]) => void,
): tf.TensorInfo[] {
  for (const t of inputs) if (t.dtype !== 'float32') throw new Error(`JS kernel input of dtype ${t.dtype}`);
  const b = backend as Partial<WasmBackend & CpuBackend>;
  if (typeof b.typedArrayFromHeap === 'function' && typeof b.makeOutput === 'function') {
    const wb = b as WasmBackend;
    // Allocate first: a heap that grows detaches the views taken before.
    const outs = outShapes.map((s) => wb.makeOutput(s, 'float32'));
    body(
      inputs.map((t) => wb.typedArrayFromHeap(t)),
      outs.map((t) => wb.typedArrayFromHeap(t)),
    );
    return outs;
  }
  const cb = b as CpuBackend;
  const outs = outShapes.map((s) => new Float32Array(tf.util.sizeFromShape(s)));
  body(
    inputs.map((t) => cb.data.get(t.dataId).values),
    outs,
  );
  return outs.map((v, i) => cb.makeTensorInfo(outShapes[i] as number[], 'float32', v));
}

/** Registers `kernelFunc` as `name` on the CPU-side backends (idempotent). */
export const registerJsKernel = (name: string, kernelFunc: (args: KernelArgs) => tf.TensorInfo[]): void => registerKernels(JS_KERNEL_BACKENDS, [[name, kernelFunc]]);
