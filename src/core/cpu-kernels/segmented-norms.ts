/**
 * A segmented reduction: the sum of squares of each segment of a flat buffer, in one kernel
 * (tfjs's CPU backend and tfjs-backend-wasm; gpu-kernels/segmented-norms-webgpu.ts is the WebGPU
 * program). The per-tensor norms that LAMB's and LARS's trust ratios need, over the flat layout
 * of optim/flat-state.ts, instead of one reduction per tensor. Sums in float64.
 */
import * as tf from '@tensorflow/tfjs-core';
import { attrsOf, inputsOf, type KernelArgs, registerKernels } from '../kernel-call';
import { jsKernel, JS_KERNEL_BACKENDS } from './js-kernel';

/** x [total] -> [n]: segment i (offsets[i], sizes[i]) summed squared. */
export const SEGMENTED_SQUARES_KERNEL = 'FtpSegmentedSquares';

export interface SegmentedAttrs {
  offsets: number[];
  sizes: number[];
}

/** The sum of squares of values[offset .. offset + size), in float64. */
export function segmentSquares(values: Float32Array, offset: number, size: number): number {
  let s = 0;
  for (let i = offset; i < offset + size; i++) {
    const v = values[i] as number;
    s += v * v;
  }
  return s;
}

function segmentedSquares(args: KernelArgs): tf.TensorInfo {
  const { x } = inputsOf(args, 'x');
  const { offsets, sizes } = attrsOf<SegmentedAttrs>(args);
  const [out] = jsKernel(args.backend, [x], [[offsets.length]], ([xs], [o]) => {
    offsets.forEach((off, i) => {
      (o as Float32Array)[i] = segmentSquares(xs as Float32Array, off, sizes[i] as number);
    });
  });
  return out as tf.TensorInfo;
}

/** Registers the kernel for the CPU backend and tfjs-backend-wasm (idempotent). */
export const registerCpuSegmentedSquares = (): void =>
  registerKernels(JS_KERNEL_BACKENDS, [[SEGMENTED_SQUARES_KERNEL, segmentedSquares]]);
