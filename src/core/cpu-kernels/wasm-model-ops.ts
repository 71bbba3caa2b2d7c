/**
 * The engine's model-op kernels on tfjs-backend-wasm, as one family: LayerNorm and the bias
 * gradients as JS kernels (layer-norm-js.ts, linear-js.ts), and tfjs's own BatchMatMul and
 * Transpose kernels overridden where their C++ is slow (wasm-mat-mul.ts, wasm-transpose.ts).
 * GELU and the attention's softmax stay generic here: one-pass JS kernels for them took 1.5-4x
 * the CPU time of tfjs-backend-wasm's kernels (XNNPACK's vectorised softmax and exp, C++ erf
 * against V8's scalar Math.exp; docs/performance.md). models/ops.ts takes the JS ops
 * where LN_JS_KERNEL is registered for the active backend (kernel-paths.ts `wasmModelOps`).
 * unregisterWasmModelOps puts tfjs's kernels back (the bench's "before" column, a test's
 * reference); registerEngineKernels brings the family back.
 */
import * as tf from '@tensorflow/tfjs-core';
import { LAYER_NORM_JS_KERNELS } from './layer-norm-js';
import { LINEAR_JS_KERNELS } from './linear-js';
import { registerWasmMatMul } from './wasm-mat-mul';
import { registerWasmTranspose } from './wasm-transpose';
import { restoreKernel } from './override';
import { registerKernels, type KernelArgs } from '../kernel-call';

const JS_KERNELS: [string, (a: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]][] = [
  ...LAYER_NORM_JS_KERNELS,
  ...LINEAR_JS_KERNELS,
];

/** Registers the family on wasm (idempotent; the overrides are no-ops where wasm is not loaded). */
export function registerWasmModelOps(): void {
  registerKernels(['wasm'], JS_KERNELS);
  registerWasmMatMul();
  registerWasmTranspose();
}

/** Takes the family off wasm: the ops take their generic path, on tfjs's own kernels. */
export function unregisterWasmModelOps(): void {
  for (const [name] of JS_KERNELS)
    if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
  restoreKernel('BatchMatMul', 'wasm');
  restoreKernel('Transpose', 'wasm');
}
