/**
 * tfjs's backends as the engine's kernels see them: the one place their shapes are declared.
 *
 * Why local interfaces: tfjs-backend-wasm and tfjs-backend-webgpu are loaded only where they
 * run (the browser worker, the Dawn tests), and tfjs-backend-cpu does not export its class's
 * data store; so the kernels must not import the backends. A kernel receives its backend as
 * `unknown` (kernel-call.ts `KernelArgs`) and takes the view it needs here.
 */
import * as tf from '@tensorflow/tfjs-core';

/** tfjs-backend-cpu: each tensor's values are a JS typed array in its data store. */
export interface CpuBackendView {
  data: { get(id: tf.DataId): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/** tfjs-backend-wasm: tensors live in the WebAssembly heap, read through Float32Array views. */
export interface WasmBackendView {
  makeOutput(
    shape: number[],
    dtype: tf.DataType,
    memoryOffset?: number,
    values?: Float32Array,
  ): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/** One uniform value of a WGSL program, in the order of the program's `uniforms` declaration. */
export interface Uniform {
  type: 'float32' | 'int32';
  data: number[];
}

/** tfjs-backend-webgpu: runs a program (its WebGPUProgram interface) and frees intermediates. */
export interface WebGpuBackendView {
  runWebGPUProgram(
    program: object,
    inputs: tf.TensorInfo[],
    dtype: tf.DataType,
    uniforms?: Uniform[],
  ): tf.TensorInfo;
  disposeData(id: tf.DataId): void;
}

/** The wasm view where `backend` is tfjs-backend-wasm, else undefined. */
export function wasmView(backend: unknown): WasmBackendView | undefined {
  const b = backend as Partial<WasmBackendView>;
  return typeof b.typedArrayFromHeap === 'function' && typeof b.makeOutput === 'function'
    ? (backend as WasmBackendView)
    : undefined;
}

/** The CPU view of a kernel's backend (the caller registered the kernel for 'cpu' only, or asked wasmView first). */
export const cpuView = (backend: unknown): CpuBackendView => backend as CpuBackendView;

/** The WebGPU view of a kernel's backend (the kernel is registered for 'webgpu' only). */
export const webGpuView = (backend: unknown): WebGpuBackendView => backend as WebGpuBackendView;
