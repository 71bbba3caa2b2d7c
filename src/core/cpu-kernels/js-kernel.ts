/**
 * Kernels written in plain JavaScript over float32 arrays, for the two CPU-side backends: tfjs's
 * CPU backend (its tensors are JS typed arrays) and tfjs-backend-wasm (its tensors live in the
 * WebAssembly heap; a kernel reads and writes them there through Float32Array views, with no
 * copy). One pass in JS replaces a chain of small tfjs kernels where each would pay its own
 * call, allocation and bookkeeping (on wasm also a transpose before most reductions).
 */
import * as tf from '@tensorflow/tfjs-core';
import { cpuView, wasmView } from '../backend-view';
import { registerKernels, type KernelArgs } from '../kernel-call';

/** The backends a JS kernel is registered for. */
export const JS_KERNEL_BACKENDS = ['cpu', 'wasm'] as const;

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
  for (const t of inputs)
    if (t.dtype !== 'float32') throw new Error(`JS kernel input of dtype ${t.dtype}`);
  const wb = wasmView(backend);
  if (wb) {
    // Allocate first: a heap that grows detaches the views taken before.
    const outs = outShapes.map((s) => wb.makeOutput(s, 'float32'));
    body(
      inputs.map((t) => wb.typedArrayFromHeap(t)),
      outs.map((t) => wb.typedArrayFromHeap(t)),
    );
    return outs;
  }
  const cb = cpuView(backend);
  const outs = outShapes.map((s) => new Float32Array(tf.util.sizeFromShape(s)));
  body(
    inputs.map((t) => cb.data.get(t.dataId).values),
    outs,
  );
  return outs.map((v, i) => cb.makeTensorInfo(outShapes[i] as number[], 'float32', v));
}

const byName = <K extends string>(
  names: readonly K[],
  arrays: Float32Array[],
): Record<K, Float32Array> =>
  Object.fromEntries(names.map((n, i) => [n, arrays[i]])) as Record<K, Float32Array>;

/**
 * jsKernel over named inputs and outputs: `body` takes each view by name, and the outputs come
 * back in the order of `outShapes`' keys (the order the kernel's callers destructure).
 */
export function namedJsKernel<I extends string, O extends string>(
  backend: unknown,
  inputs: Record<I, tf.TensorInfo>,
  outShapes: Record<O, number[]>,
  body: (ins: Record<I, Float32Array>, outs: Record<O, Float32Array>) => void,
): tf.TensorInfo[] {
  const inNames = Object.keys(inputs) as I[];
  const outNames = Object.keys(outShapes) as O[];
  return jsKernel(
    backend,
    inNames.map((n) => inputs[n]),
    outNames.map((n) => outShapes[n]),
    (ins, outs) => body(byName(inNames, ins), byName(outNames, outs)),
  );
}

/** Registers `kernelFunc` as `name` on `backends` (the CPU-side ones unless told; idempotent). */
export const registerJsKernel = (
  name: string,
  kernelFunc: (args: KernelArgs) => tf.TensorInfo[],
  backends: readonly string[] = JS_KERNEL_BACKENDS,
): void => registerKernels(backends, [[name, kernelFunc]]);
