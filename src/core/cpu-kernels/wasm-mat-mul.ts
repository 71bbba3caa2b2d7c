/**
 * tfjs-backend-wasm's BatchMatMul with every transposed product sent to XNNPACK.
 *
 * Why: tfjs-backend-wasm runs a matmul through XNNPACK's fully-connected operator only when
 * neither operand is transposed and neither has a batch; anything else takes a scalar triple
 * loop (its `slow_batch_matmul`). Autodiff's matmul gradients are exactly the transposed
 * cases: dx = dy W^T (transposeB) and dW = x^T dy (transposeA). In the ViT's step they were
 * 10 of 13 matmuls and ~90% of the matmul time (one [272, 256] x [256, 64]^T product: 55 ms
 * against 1.4 ms through XNNPACK). Here a transposed 2D operand is transposed once in JS into
 * a fresh heap tensor (wasm-transpose.ts; a few microseconds for these sizes) and the plain
 * product runs on tfjs's own kernel, so XNNPACK does the arithmetic. XNNPACK packs its "weights"
 * (the right operand) on each call here, as it does for a fresh weight tensor each step.
 * Batched products (the attention's scores and mix, batch B * heads: 17 x 17 x 16 each in the
 * ViT) keep tfjs's loop: the CPU backend's blocked JS matmul over heap views ran them no faster.
 * Arithmetic is XNNPACK's, as for the forward matmul: float32, its own summation order.
 */
import * as tf from '@tensorflow/tfjs-core';
import { overrideKernel } from './override';
import { wasmTranspose } from './wasm-transpose';
import type { KernelArgs } from '../kernel-call';

type Attrs = { transposeA: boolean; transposeB: boolean };
type Freeing = { disposeData(id: tf.DataId): boolean };

const batchOf = (t: tf.TensorInfo): number => tf.util.sizeFromShape(t.shape.slice(0, -2));

/** t with its last two axes swapped, as a fresh tensor (pushed to `temps`), or t itself. */
function plain(
  backend: unknown,
  t: tf.TensorInfo,
  swap: boolean,
  temps: tf.TensorInfo[],
): tf.TensorInfo {
  if (!swap) return t;
  const r = t.shape.length;
  const perm = [...Array.from({ length: r - 2 }, (_, i) => i), r - 1, r - 2];
  const out = wasmTranspose(backend, t, perm);
  temps.push(out);
  return out;
}

const matMulKernel =
  (original: tf.KernelFunc) =>
  (args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as Attrs;
    const call = args as Parameters<tf.KernelFunc>[0];
    // Only 2D float32 products with a transpose leave tfjs's path.
    if ((!transposeA && !transposeB) || batchOf(a) !== 1 || batchOf(b) !== 1) return original(call);
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return original(call);
    const temps: tf.TensorInfo[] = [];
    const out = original({
      ...call,
      inputs: {
        a: plain(args.backend, a, transposeA, temps),
        b: plain(args.backend, b, transposeB, temps),
      },
      attrs: { ...args.attrs, transposeA: false, transposeB: false },
    });
    for (const t of temps) (args.backend as Freeing).disposeData(t.dataId);
    return out;
  };

/** Registers the override on tfjs-backend-wasm (idempotent; a no-op where wasm is not loaded). */
export const registerWasmMatMul = (): void =>
  overrideKernel('BatchMatMul', 'wasm', (original) => matMulKernel(original) as tf.KernelFunc);
