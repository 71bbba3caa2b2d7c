/**
 * A faster BatchMatMul for tfjs's CPU backend, registered over the built-in one.
 *
 * Why: after the ViT's patchify became a matmul, BatchMatMul was the largest share of a CPU
 * training step (batch 32: 885 of ~1,950 ms). tfjs-backend-cpu computes each output as a
 * strided dot product (for an untransposed B, a column walk that misses the cache on every
 * element). Here A is laid out [M, K] and B as its transpose [N, K] (copied only when stored
 * otherwise), so every dot product runs along k contiguously in both, and a 4 x 4 block of
 * outputs is computed at once from sixteen local sums: each loaded value is used four times.
 * Sums are float64 and rounded once, at least as accurate as the built-in kernel's.
 *
 * Same semantics as tfjs: rank >= 2 operands, transposeA / transposeB, batch dimensions
 * broadcast by index modulo (as the built-in kernel), float32 out.
 */
import * as tf from '@tensorflow/tfjs-core';
import { overrideCpuKernel } from './override';
import { cpuView } from '../backend-view';
import type { KernelArgs } from '../kernel-call';

/** Copies the [rows, cols] row-major matrix at `offset` of `src` into dst as [cols, rows]. */
function transposeInto(
  src: Float32Array,
  offset: number,
  rows: number,
  cols: number,
  dst: Float32Array,
): void {
  for (let r = 0; r < rows; r++) {
    const s = offset + r * cols;
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[s + c] as number;
  }
}

/** One product C = A Bt^T (gemmNT's operands): A [M, K] at aOff, Bt [N, K] at bOff, C [M, N] at cOff. */
interface Gemm {
  a: Float32Array;
  aOff: number;
  bt: Float32Array;
  bOff: number;
  c: Float32Array;
  cOff: number;
  K: number;
  N: number;
}

/** Four outputs of one row of C from their float64 sums, rounded once to float32. */
function put4(c: Float32Array, o: number, v0: number, v1: number, v2: number, v3: number): void {
  c[o] = v0;
  c[o + 1] = v1;
  c[o + 2] = v2;
  c[o + 3] = v3;
}

/**
 * The 4 x 4 block of C at rows i.., columns j..: sixteen sums kept in locals (float64) while k
 * streams through four rows of A and four of Bt, so each loaded value is used four times.
 */
function tile4x4(g: Gemm, i: number, j: number): void {
  const { a, bt, K, N } = g;
  const a0 = g.aOff + i * K;
  const a1 = a0 + K;
  const a2 = a1 + K;
  const a3 = a2 + K;
  const b0 = g.bOff + j * K;
  const b1 = b0 + K;
  const b2 = b1 + K;
  const b3 = b2 + K;
  // The 4 x 4 block's sums, row by row (c<row><column>).
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0,
    c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0,
    c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0,
    c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  for (let k = 0; k < K; k++) {
    const x0 = a[a0 + k] as number,
      x1 = a[a1 + k] as number,
      x2 = a[a2 + k] as number,
      x3 = a[a3 + k] as number;
    const y0 = bt[b0 + k] as number,
      y1 = bt[b1 + k] as number,
      y2 = bt[b2 + k] as number,
      y3 = bt[b3 + k] as number;
    c00 += x0 * y0;
    c01 += x0 * y1;
    c02 += x0 * y2;
    c03 += x0 * y3;
    c10 += x1 * y0;
    c11 += x1 * y1;
    c12 += x1 * y2;
    c13 += x1 * y3;
    c20 += x2 * y0;
    c21 += x2 * y1;
    c22 += x2 * y2;
    c23 += x2 * y3;
    c30 += x3 * y0;
    c31 += x3 * y1;
    c32 += x3 * y2;
    c33 += x3 * y3;
  }
  const o = g.cOff + i * N + j;
  put4(g.c, o, c00, c01, c02, c03);
  put4(g.c, o + N, c10, c11, c12, c13);
  put4(g.c, o + 2 * N, c20, c21, c22, c23);
  put4(g.c, o + 3 * N, c30, c31, c32, c33);
}

/** C[i, j] as one plain dot product along k: the edges that do not fill a 4 x 4 block. */
function dotInto(g: Gemm, i: number, j: number): void {
  const { a, bt, K } = g;
  const ai = g.aOff + i * K;
  const bj = g.bOff + j * K;
  let s = 0;
  for (let k = 0; k < K; k++) s += (a[ai + k] as number) * (bt[bj + k] as number);
  g.c[g.cOff + i * g.N + j] = s;
}

/**
 * C[M, N] = A[M, K] Bt[N, K]^T, all row-major: A at aOff in `a`, Bt (B transposed, so both
 * operands run along k contiguously) at bOff in `bt`, C at cOff in `c`. 4 x 4 output blocks
 * (tile4x4) cover the rows and columns up to the last multiple of four; the rest are single dot
 * products.
 */
export function gemmNT(
  a: Float32Array,
  aOff: number,
  bt: Float32Array,
  bOff: number,
  c: Float32Array,
  cOff: number,
  M: number,
  K: number,
  N: number,
): void {
  const g: Gemm = { a, aOff, bt, bOff, c, cOff, K, N };
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) for (let j = 0; j < N4; j += 4) tile4x4(g, i, j);
  // Edges: rows past M4 (every column), then columns past N4 of the blocked rows.
  for (let i = M4; i < M; i++) for (let j = 0; j < N; j++) dotInto(g, i, j);
  for (let i = 0; i < M4; i++) for (let j = N4; j < N; j++) dotInto(g, i, j);
}

function batchMatMul(args: KernelArgs): tf.TensorInfo {
  const backend = cpuView(args.backend);
  const a = args.inputs.a as tf.TensorInfo;
  const b = args.inputs.b as tf.TensorInfo;
  const transposeA = Boolean(args.attrs?.transposeA);
  const transposeB = Boolean(args.attrs?.transposeB);
  const ra = a.shape.length;
  const rb = b.shape.length;
  // Stored shapes: a [.., rowsA, colsA], b [.., rowsB, colsB].
  const rowsA = a.shape[ra - 2] as number;
  const colsA = a.shape[ra - 1] as number;
  const rowsB = b.shape[rb - 2] as number;
  const colsB = b.shape[rb - 1] as number;
  const M = transposeA ? colsA : rowsA;
  const K = transposeA ? rowsA : colsA;
  const Kb = transposeB ? colsB : rowsB;
  const N = transposeB ? rowsB : colsB;
  if (K !== Kb)
    throw new Error(
      `matMul: inner shapes ${K} and ${Kb} of [${a.shape}] and [${b.shape}] (transposeA=${transposeA}, transposeB=${transposeB}) must match`,
    );
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(
    a.shape.slice(0, -2),
    b.shape.slice(0, -2),
  );
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  const av = backend.data.get(a.dataId).values;
  const bv = backend.data.get(b.dataId).values;
  const out = new Float32Array(batch * M * N);
  // A as [M, K] and B as Bt [N, K]: copies only where the stored layout differs (a transposed
  // A; an untransposed B). A broadcast operand is copied once.
  const aT = transposeA ? new Float32Array(M * K) : null;
  const bT = transposeB ? null : new Float32Array(K * N);
  // Matrix i of an operand stored [rows, cols] per batch entry, as the gemm wants it: the stored
  // values where the layout already fits (scratch null), else transposed into scratch once per i.
  const operand = (
    vals: Float32Array,
    scratch: Float32Array | null,
    i: number,
    last: number,
    rows: number,
    cols: number,
  ): [Float32Array, number] => {
    if (!scratch) return [vals, i * rows * cols];
    if (i !== last) transposeInto(vals, i * rows * cols, rows, cols, scratch);
    return [scratch, 0];
  };
  let lastA = -1;
  let lastB = -1;
  for (let bi = 0; bi < batch; bi++) {
    const ia = bi % batchA;
    const ib = bi % batchB;
    const [aSrc, aOff] = operand(av, aT, ia, lastA, transposeA ? K : M, transposeA ? M : K); // stored [K, M] -> [M, K]
    const [bSrc, bOff] = operand(bv, bT, ib, lastB, transposeB ? N : K, transposeB ? K : N); // stored [K, N] -> [N, K]
    lastA = ia;
    lastB = ib;
    gemmNT(aSrc, aOff, bSrc, bOff, out, bi * M * N, M, K, N);
  }
  return backend.makeTensorInfo([...outer, M, N], 'float32', out);
}

/**
 * Registers the kernel over tfjs-backend-cpu's (idempotent; a no-op where the backend is absent
 * from the registry's view). Only float32 operands reach it: the engine multiplies no integers.
 */
export function registerCpuBatchMatMul(): void {
  overrideCpuKernel('BatchMatMul', () => batchMatMul);
}
