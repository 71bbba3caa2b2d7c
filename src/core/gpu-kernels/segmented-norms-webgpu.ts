/**
 * The segmented reduction (cpu-kernels/segmented-norms.ts) on tfjs's WebGPU backend: the sum of
 * squares of every segment of one or two flat buffers in ONE dispatch, one workgroup per
 * segment (its 64 invocations stride over the segment, then a tree sum). LAMB's and LARS's
 * trust ratios take their per-tensor norms from it (multi-trust-webgpu.ts), where per-tensor
 * norms were a reduction or two each. Segment offsets and sizes come in an int32 table.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { SEGMENTED_SQUARES_KERNEL, type SegmentedAttrs } from '../cpu-kernels/segmented-norms';
import { attrsOf, inputsOf, type KernelArgs } from '../kernel-call';
import { i32, registerWebGpuKernels } from './webgpu-program';
import {
  dispatch,
  newOutput,
  webGpuInternals,
  WORKGROUP,
  type WebGpuInternals,
} from './webgpu-dispatch';
import { int32Table } from './webgpu-in-place';

/**
 * [m * n]: for segment i (offsets[i], sizes[i]) and flat input q of `xs` (1 or 2 of them),
 * element m * i + q = the sum of xs[q]'s segment squared.
 */
export function segmentedSquares(
  gpu: WebGpuInternals,
  xs: tf.TensorInfo[],
  offsets: readonly number[],
  sizes: readonly number[],
): tf.TensorInfo {
  const n = offsets.length;
  const m = xs.length;
  const out = newOutput(gpu, [m * n]);
  const table = int32Table(gpu, [...offsets, ...sizes]);
  const names = xs.map((_, q) => `X${q}`);
  const sum = (f: (q: number) => string): string => names.map((_, q) => f(q)).join('\n      ');
  dispatch(gpu, {
    key: `segmented_squares_${m}`,
    bindings: [
      { name: 'N', tensor: out, write: true },
      { name: 'T', tensor: table, write: false, type: 'i32' },
      ...xs.map((x, q) => ({ name: names[q] as string, tensor: x, write: false })),
    ],
    uniformFields: 'n : i32,',
    uniforms: i32(n),
    count: n,
    perWorkgroup: true,
    helpers: names.map((x) => `var<workgroup> p${x} : array<f32, ${WORKGROUP}>;`).join('\n'),
    body: `let off = T[wg];
    let len = T[uniforms.n + wg];
    ${sum((q) => `var a${q} = 0.0;`)}
    for (var j = lid; j < len; j = j + ${WORKGROUP}) {
      ${sum((q) => `let x${q} = X${q}[off + j]; a${q} = a${q} + x${q} * x${q};`)}
    }
    ${sum((q) => `pX${q}[lid] = a${q};`)}
    workgroupBarrier();
    for (var s = ${WORKGROUP / 2}; s > 0; s = s >> 1u) {
      if (lid < s) {
        ${sum((q) => `pX${q}[lid] = pX${q}[lid] + pX${q}[lid + s];`)}
      }
      workgroupBarrier();
    }
    if (lid == 0) {
      ${sum((q) => `N[${m} * wg + ${q}] = pX${q}[0];`)}
    }
    workgroupBarrier();`,
  });
  gpu.disposeData(table.dataId);
  return out;
}

/** The kernel (x [total] -> [n]), for the backend's internals only (no tfjs-program variant). */
function segmentedSquaresKernel(args: KernelArgs): tf.TensorInfo {
  const gpu = webGpuInternals(args.backend);
  if (!gpu) throw new Error(`${SEGMENTED_SQUARES_KERNEL} needs tfjs-backend-webgpu 4.x internals`);
  const { x } = inputsOf(args, 'x');
  const { offsets, sizes } = attrsOf<SegmentedAttrs>(args);
  return segmentedSquares(gpu, [x], offsets, sizes);
}

/** Registers the kernel for the WebGPU backend (idempotent). */
export const registerWebGpuSegmentedSquares = (): void =>
  registerWebGpuKernels([[SEGMENTED_SQUARES_KERNEL, segmentedSquaresKernel]]);
