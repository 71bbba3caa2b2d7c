/**
 * A faster BatchMatMul for tfjs's CPU backend, registered over the built-in one.
 *
 * Why: after the ViT's patchify became a matmul, BatchMatMul was the largest share of a CPU
 * training step (batch 32: 885 of ~1,950 ms). tfjs-backend-cpu computes each output as a
 * strided dot product (for an untransposed B, a column walk that misses the cache on every
 * element). Here both operands are first made row-major contiguous ([M, K] and [K, N]), then
 * every output row accumulates `a[i, k] * b[k, :]` over k: unit-stride inner loops that V8
 * compiles to tight code. Four output rows share each loaded row of b. Sums are kept in
 * float64 and rounded once, so results are at least as accurate as the built-in kernel's.
 *
 * Same semantics as tfjs: rank >= 2 operands, transposeA / transposeB, batch dimensions
 * broadcast by index modulo (as the built-in kernel), float32 out.
 */
import * as tf from '@tensorflow/tfjs-core';

type CpuData = { values: Float32Array };
type CpuBackend = tf.KernelBackend & {
  data: { get(id: tf.DataId): CpuData };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
};

/** Copies matrix `bi` of `src` ([batch, rows, cols] row-major) into dst as [cols, rows]. */
function transposeInto(src: Float32Array, offset: number, rows: number, cols: number, dst: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const s = offset + r * cols;
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[s + c] as number;
  }
}

/**
 * C[M, N] = A[M, K] B[K, N], all row-major; A at aOff in `a`, B at bOff in `b`, C at cOff in `c`.
 * acc: scratch of at least 4 * N float64s.
 */
export function gemm(a: Float32Array, aOff: number, b: Float32Array, bOff: number, c: Float32Array, cOff: number, M: number, K: number, N: number, acc: Float64Array): void {
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    acc.fill(0, 0, 4 * N);
    const a0 = aOff + i * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    const a3 = a2 + K;
    for (let k = 0; k < K; k++) {
      const v0 = a[a0 + k] as number;
      const v1 = a[a1 + k] as number;
      const v2 = a[a2 + k] as number;
      const v3 = a[a3 + k] as number;
      const bk = bOff + k * N;
      for (let j = 0; j < N; j++) {
        const bv = b[bk + j] as number;
        acc[j] = (acc[j] as number) + v0 * bv;
        acc[N + j] = (acc[N + j] as number) + v1 * bv;
        acc[2 * N + j] = (acc[2 * N + j] as number) + v2 * bv;
        acc[3 * N + j] = (acc[3 * N + j] as number) + v3 * bv;
      }
    }
    const c0 = cOff + i * N;
    for (let j = 0; j < 4 * N; j++) c[c0 + j] = acc[j] as number;
  }
  for (; i < M; i++) {
    acc.fill(0, 0, N);
    const ai = aOff + i * K;
    for (let k = 0; k < K; k++) {
      const v = a[ai + k] as number;
      const bk = bOff + k * N;
      for (let j = 0; j < N; j++) acc[j] = (acc[j] as number) + v * (b[bk + j] as number);
    }
    const ci = cOff + i * N;
    for (let j = 0; j < N; j++) c[ci + j] = acc[j] as number;
  }
}

function batchMatMul(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as CpuBackend;
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
  if (K !== Kb) throw new Error(`matMul: inner shapes ${K} and ${Kb} of [${a.shape}] and [${b.shape}] (transposeA=${transposeA}, transposeB=${transposeB}) must match`);
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  const av = backend.data.get(a.dataId).values;
  const bv = backend.data.get(b.dataId).values;
  const out = new Float32Array(batch * M * N);
  const acc = new Float64Array(4 * N);
  // Contiguous copies only where an operand is transposed; a broadcast operand is copied once.
  const aT = transposeA ? new Float32Array(M * K) : null;
  const bT = transposeB ? new Float32Array(K * N) : null;
  let lastA = -1;
  let lastB = -1;
  for (let bi = 0; bi < batch; bi++) {
    const ia = bi % batchA;
    const ib = bi % batchB;
    let aSrc = av;
    let aOff = ia * M * K;
    if (aT) {
      if (ia !== lastA) transposeInto(av, ia * M * K, K, M, aT);
      aSrc = aT;
      aOff = 0;
    }
    let bSrc = bv;
    let bOff = ib * K * N;
    if (bT) {
      if (ib !== lastB) transposeInto(bv, ib * K * N, N, K, bT);
      bSrc = bT;
      bOff = 0;
    }
    lastA = ia;
    lastB = ib;
    gemm(aSrc, aOff, bSrc, bOff, out, bi * M * N, M, K, N, acc);
  }
  return backend.makeTensorInfo([...outer, M, N], 'float32', out);
}

/**
 * Registers the kernel over tfjs-backend-cpu's (idempotent; a no-op where the backend is absent
 * from the registry's view). Only float32 operands reach it: the engine multiplies no integers.
 */
export function registerCpuBatchMatMul(): void {
  const cfg = tf.getKernel('BatchMatMul', 'cpu');
  if (cfg && (cfg.kernelFunc as unknown) === (batchMatMul as unknown)) return;
  if (cfg) tf.unregisterKernel('BatchMatMul', 'cpu');
  tf.registerKernel({ kernelName: 'BatchMatMul', backendName: 'cpu', kernelFunc: batchMatMul as unknown as tf.KernelFunc });
}
