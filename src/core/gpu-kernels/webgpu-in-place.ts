/**
 * Writing tensors in place on tfjs's WebGPU backend (webgpu-dispatch.ts records the programs):
 * when it is safe (a written tensor held by its variable alone, no buffer bound twice), the
 * outputs a kernel returns for its written inputs (aliases, reshape's way), and the copy a
 * write goes to where it is not safe. Also the int32 tables of segment offsets some programs read.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { compileOnly, dispatch, newOutput, type WebGpuInternals } from './webgpu-dispatch';

/**
 * Whether `written` may be written in place: each held by one tensor only (the caller's
 * variable: no other tensor sees the change) and no buffer bound twice among `all`.
 */
export function canWriteInPlace(
  gpu: WebGpuInternals,
  written: readonly tf.TensorInfo[],
  all: readonly tf.TensorInfo[],
): boolean {
  if (compileOnly()) return true;
  if (written.some((t) => gpu.refCount(t.dataId) !== 1)) return false;
  return new Set(all.map((t) => t.dataId)).size === all.length;
}

/** `t` as a new output aliasing it (reshape's way: one more reference to the same data). */
export function alias(gpu: WebGpuInternals, t: tf.TensorInfo): tf.TensorInfo {
  gpu.incRef(t.dataId);
  return { dataId: t.dataId, shape: t.shape, dtype: t.dtype };
}

/** An int32 table on the GPU (segment offsets and sizes) for one dispatch; the caller frees it with `gpu.disposeData`. */
export const int32Table = (gpu: WebGpuInternals, values: number[]): tf.TensorInfo =>
  gpu.makeTensorInfo([values.length], 'int32', Int32Array.from(values));

/**
 * `t` to write in place where only its variable holds it (`out`: an alias to return), else a
 * copy in a new buffer (one dispatch; `out`: the copy), so that no other tensor sees the write.
 */
export function writable(
  gpu: WebGpuInternals,
  t: tf.TensorInfo,
  readAlso: readonly tf.TensorInfo[],
): { target: tf.TensorInfo; out: () => tf.TensorInfo } {
  const shared = readAlso.some((r) => r.dataId === t.dataId);
  if (compileOnly() || (gpu.refCount(t.dataId) === 1 && !shared))
    return { target: t, out: () => alias(gpu, t) };
  const copy = newOutput(gpu, t.shape);
  dispatch(gpu, {
    key: 'copy',
    bindings: [
      { name: 'O', tensor: copy, write: true },
      { name: 'X', tensor: t, write: false },
    ],
    uniformFields: '',
    uniforms: [],
    count: t.shape.reduce((a, b) => a * b, 1),
    body: 'O[index] = X[index];',
  });
  return { target: copy, out: () => copy };
}
