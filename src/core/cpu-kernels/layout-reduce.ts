/**
 * Transpose, Sum, Mean and Softmax for tfjs's CPU backend on float32, registered over the
 * built-in ones.
 *
 * Why: in a ViT step at batch 32 these took ~400 of ~1,200 ms on a handful of calls. tfjs's
 * CPU Transpose computes every element's source through index arrays (the attention's 5-D
 * permutes: ~20 ms each), Sum and Mean transpose the reduced axes innermost first with that
 * same code, and Softmax runs max / sub / exp / sum / div through internal kernels with a
 * broadcast path that allocates per element. Here a permute walks the output with an
 * odometer over precomputed source strides, a reduction sums contiguous runs (after a permute
 * only when the reduced axes are not innermost already), and softmax is one pass per row.
 * Other dtypes go to the original kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { overrideCpuKernel } from './override';
import { cpuView } from '../backend-view';

/** out[i_0..i_r] = x[i_perm...]: output dim d is input dim perm[d]. */
export function permute(
  x: Float32Array,
  shape: readonly number[],
  perm: readonly number[],
): { values: Float32Array; shape: number[] } {
  const r = shape.length;
  const outShape = perm.map((p) => shape[p] as number);
  const inStrides = new Array<number>(r);
  let acc = 1;
  for (let d = r - 1; d >= 0; d--) {
    inStrides[d] = acc;
    acc *= shape[d] as number;
  }
  const out = new Float32Array(x.length);
  if (!x.length) return { values: out, shape: outShape };
  // Source stride of each output dim; the last output dim is the inner loop.
  const src = perm.map((p) => inStrides[p] as number);
  const inner = outShape[r - 1] ?? 1;
  const si = src[r - 1] ?? 1;
  const idx = new Array<number>(Math.max(0, r - 1)).fill(0);
  let base = 0;
  for (let o = 0; o < out.length; o += inner) {
    for (let j = 0; j < inner; j++) out[o + j] = x[base + j * si] as number;
    for (let d = r - 2; d >= 0; d--) {
      const v = (idx[d] as number) + 1;
      if (v < (outShape[d] as number)) {
        idx[d] = v;
        base += src[d] as number;
        break;
      }
      idx[d] = 0;
      base -= (src[d] as number) * ((outShape[d] as number) - 1);
    }
  }
  return { values: out, shape: outShape };
}

/** Sums `x` over `axes` (negative allowed); returns the kept dims' shape (keepDims applied by the caller). */
export function reduceSum(
  x: Float32Array,
  shape: readonly number[],
  axes: readonly number[],
): { values: Float32Array; kept: number[] } {
  const r = shape.length;
  const red = [...new Set(axes.map((a) => (a < 0 ? a + r : a)))].sort((a, b) => a - b);
  const keep = shape.map((_, d) => d).filter((d) => !red.includes(d));
  const innermost = red.every((a, i) => a === r - red.length + i);
  const data = innermost ? x : permute(x, shape, [...keep, ...red]).values;
  const n = red.reduce((a, d) => a * (shape[d] as number), 1);
  const outSize = keep.reduce((a, d) => a * (shape[d] as number), 1);
  const out = new Float32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    let s = 0; // float64 accumulator
    const b = o * n;
    for (let j = 0; j < n; j++) s += data[b + j] as number;
    out[o] = s;
  }
  return { values: out, kept: keep.map((d) => shape[d] as number) };
}

const normAxes = (axis: number | number[] | undefined, rank: number): number[] => {
  if (axis === undefined || axis === null) return Array.from({ length: rank }, (_, i) => i);
  return (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a));
};

function reduceKernel(kind: 'Sum' | 'Mean', original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype !== 'float32') return original(args);
    const backend = cpuView(args.backend);
    const axes = normAxes(args.attrs?.axis as number | number[] | undefined, x.shape.length);
    const { values, kept } = reduceSum(backend.data.get(x.dataId).values, x.shape, axes);
    if (kind === 'Mean') {
      const n = axes.reduce((a, d) => a * (x.shape[d] as number), 1);
      for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / n;
    }
    const shape = args.attrs?.keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept;
    return backend.makeTensorInfo(shape, 'float32', values);
  };
}

function transposeKernel(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype !== 'float32') return original(args);
    const backend = cpuView(args.backend);
    const { values, shape } = permute(
      backend.data.get(x.dataId).values,
      x.shape,
      args.attrs?.perm as number[],
    );
    return backend.makeTensorInfo(shape, 'float32', values);
  };
}

/** Softmax over the last axis (tfjs's only supported dim), numerically stable, one pass per row. */
function softmaxKernel(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.logits as tf.TensorInfo;
    const dim = args.attrs?.dim as number | undefined;
    if (x.dtype !== 'float32' || (dim !== undefined && dim !== -1 && dim !== x.shape.length - 1))
      return original(args);
    const backend = cpuView(args.backend);
    const v = backend.data.get(x.dataId).values;
    const n = x.shape[x.shape.length - 1] ?? 1;
    const out = new Float32Array(v.length);
    for (let b = 0; b < v.length; b += n) {
      let m = -Infinity;
      for (let j = 0; j < n; j++) m = Math.max(m, v[b + j] as number);
      let s = 0;
      for (let j = 0; j < n; j++) {
        const e = Math.exp((v[b + j] as number) - m);
        out[b + j] = e;
        s += e;
      }
      for (let j = 0; j < n; j++) out[b + j] = (out[b + j] as number) / s;
    }
    return backend.makeTensorInfo([...x.shape], 'float32', out);
  };
}

const MAKERS: Record<string, (original: tf.KernelFunc) => tf.KernelFunc> = {
  Transpose: transposeKernel,
  Sum: (o) => reduceKernel('Sum', o),
  Mean: (o) => reduceKernel('Mean', o),
  Softmax: softmaxKernel,
};

/** Registers the kernels over tfjs-backend-cpu's (idempotent). */
export function registerCpuLayoutReduce(): void {
  for (const [name, make] of Object.entries(MAKERS)) overrideCpuKernel(name, make);
}
