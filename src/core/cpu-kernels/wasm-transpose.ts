/**
 * Transposes in JS over tfjs-backend-wasm's heap, for the permutes its C++ kernel runs slowly.
 *
 * Why: tfjs-backend-wasm's Transpose has loops for rank 2 to 4 and a generic path beyond that
 * which costs ~1 µs an element here: the ViT's attention permute [B, T, 3, H, hd] ->
 * [3, B, H, T, hd] and its gradient (52K elements at batch 16) took 20-50 ms each, a fifth of
 * the step's kernel time. Here the permute is first collapsed (size-1 axes dropped, input axes
 * that stay neighbours merged: usually rank 3-4 is left), then one pass walks the output in
 * order with an odometer over the outer axes and a run along the innermost (a plain copy where
 * that axis is contiguous in the input too). Pure data movement: bit-exact.
 */
import * as tf from '@tensorflow/tfjs-core';
import { wasmView } from '../backend-view';
import { overrideKernel } from './override';
import type { KernelArgs } from '../kernel-call';

/** `shape` and `perm` with size-1 axes dropped and input axes that stay adjacent merged. */
export function collapsePermute(
  shape: readonly number[],
  perm: readonly number[],
): { shape: number[]; perm: number[] } {
  const kept = perm.filter((a) => (shape[a] as number) !== 1);
  // Runs of consecutive input axes in output order become one axis.
  const groups: number[][] = [];
  for (const a of kept) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1] === a - 1) last.push(a);
    else groups.push([a]);
  }
  const order = [...groups].sort((g, h) => (g[0] as number) - (h[0] as number));
  const inShape = order.map((g) => g.reduce((n, a) => n * (shape[a] as number), 1));
  return { shape: inShape, perm: groups.map((g) => order.indexOf(g)) };
}

/** dst = src (row-major `shape`) permuted by `perm` (tfjs's semantics: out axis i is in axis perm[i]). */
export function transposeInto(
  src: Float32Array,
  shapeIn: readonly number[],
  permIn: readonly number[],
  dst: Float32Array,
): void {
  const { shape, perm } = collapsePermute(shapeIn, permIn);
  const r = shape.length;
  if (r <= 1) {
    dst.set(src.subarray(0, dst.length));
    return;
  }
  const inStride = new Array<number>(r);
  for (let d = r - 1, s = 1; d >= 0; d--) {
    inStride[d] = s;
    s *= shape[d] as number;
  }
  const outShape = perm.map((a) => shape[a] as number);
  const step = perm.map((a) => inStride[a] as number); // input stride of each output axis
  const n = outShape[r - 1] as number;
  const sn = step[r - 1] as number;
  const idx = new Array<number>(r - 1).fill(0);
  let off = 0;
  for (let o = 0; o < dst.length; o += n) {
    if (sn === 1) for (let j = 0; j < n; j++) dst[o + j] = src[off + j] as number;
    else for (let j = 0, s = off; j < n; j++, s += sn) dst[o + j] = src[s] as number;
    // The odometer over the outer output axes, carrying the input offset along.
    for (let d = r - 2; d >= 0; d--) {
      off += step[d] as number;
      if (++(idx[d] as number) < (outShape[d] as number)) break;
      off -= (step[d] as number) * (outShape[d] as number);
      idx[d] = 0;
    }
  }
}

/** A fresh wasm tensor holding x permuted by perm (the caller owns it). */
export function wasmTranspose(
  backend: unknown,
  x: tf.TensorInfo,
  perm: readonly number[],
): tf.TensorInfo {
  const wb = wasmView(backend);
  if (!wb) throw new Error('wasmTranspose needs the wasm backend');
  const out = wb.makeOutput(
    perm.map((a) => x.shape[a] as number),
    'float32',
  );
  transposeInto(wb.typedArrayFromHeap(x), x.shape, perm, wb.typedArrayFromHeap(out));
  return out;
}

/** Collapsed ranks from which the JS pass beats tfjs-backend-wasm's C++ Transpose. */
const JS_FROM_RANK = 4;

/** tfjs's Transpose kernel on wasm, float32 permutes of collapsed rank >= JS_FROM_RANK in JS. */
const transposeKernel =
  (original: tf.KernelFunc) =>
  (args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] => {
    const x = args.inputs.x as tf.TensorInfo;
    const perm = (args.attrs as { perm: number[] }).perm;
    if (x.dtype !== 'float32' || collapsePermute(x.shape, perm).shape.length < JS_FROM_RANK)
      return original(args as Parameters<tf.KernelFunc>[0]);
    return wasmTranspose(args.backend, x, perm);
  };

/** Registers the JS transpose over tfjs-backend-wasm's (idempotent; a no-op where wasm is not loaded). */
export const registerWasmTranspose = (): void =>
  overrideKernel('Transpose', 'wasm', (original) => transposeKernel(original) as tf.KernelFunc);
