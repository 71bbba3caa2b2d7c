/**
 * The training step's packed readback (train/step.ts: the loss, then every gradient's squared
 * norm) in a few WGSL programs on tfjs's WebGPU backend.
 *
 * Why: the generic pack is a Square and a Sum per gradient, then a stack and a concat that tfjs
 * splits by its 8-binding limit: 124 dispatches for the micro ViT's 56 gradients. Here each
 * program appends the squared norms of up to 6 gradients to what came before (the loss first),
 * one workgroup reducing each gradient and one copying the earlier values: ceil(P / 6)
 * dispatches in all (10 for the ViT). Sums in f32, in a different order than tfjs's reduction:
 * a squared norm agrees with the generic one to float32 rounding (tests/unit/core/
 * model-ops-webgpu.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { i32, registerWebGpuKernels, runProgram, treeSum } from './webgpu-program';
import { runKernel, type KernelArgs } from '../kernel-call';

export const SQUARED_NORMS_KERNEL = 'FtpAppendSquaredNorms';
/** Gradients per program: tfjs binds the output and the earlier values too, and a stage has 8 storage buffers by default. */
export const NORMS_PER_PROGRAM = 6;

const WORKGROUP = 128;

/** prev [m], g0..g(k-1) (any shapes) -> [m + k]: prev, then each g's sum of squares. */
function appendSquaredNorms(args: KernelArgs): tf.TensorInfo {
  const { prev, ...grads } = args.inputs as Record<string, tf.TensorInfo>;
  const gs = Object.keys(grads)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((k) => grads[k] as tf.TensorInfo);
  const k = gs.length;
  const m = prev!.shape[0] as number;
  const names = gs.map((_, i) => `G${i}`);
  const branches = names
    .map(
      (n, i) =>
        `${i === 0 ? '' : 'else '}if (w == ${i}) { for (var j = lid; j < uniforms.n${i}; j = j + ${WORKGROUP}) { let v = ${n}[j]; acc = acc + v * v; } }`,
    )
    .join('\n          ');
  const program = {
    variableNames: ['Prev', ...names],
    uniforms: `m : i32, ${names.map((_, i) => `n${i} : i32,`).join(' ')}`,
    workgroupSize: [WORKGROUP, 1, 1],
    outputShape: [m + k],
    dispatchLayout: { x: [0] },
    dispatch: [k + 1, 1, 1],
    shaderKey: `ftp_sqnorms_${k}`,
    getUserCode: () => `
      var<workgroup> partial : array<f32, ${WORKGROUP}>;
      fn main(index : i32) {
        let w = i32(workgroupId.x);
        let lid = i32(localId.x);
        if (w == ${k}) {
          // The last workgroup copies what came before.
          for (var j = lid; j < uniforms.m; j = j + ${WORKGROUP}) { result[j] = Prev[j]; }
        }
        var acc = 0.0;
        ${branches}
        partial[lid] = acc;
        ${treeSum(WORKGROUP)}
        if (lid == 0 && w < ${k}) {
          result[uniforms.m + w] = partial[0];
        }
      }`,
  };
  const sizes = gs.map((g) => tf.util.sizeFromShape(g.shape));
  return runProgram(args.backend, program, [prev!, ...gs], i32(m, ...sizes));
}

/** Registers the kernel for the WebGPU backend (idempotent; the backend itself need not be loaded). */
export const registerWebGpuSquaredNorms = (): void =>
  registerWebGpuKernels([[SQUARED_NORMS_KERNEL, appendSquaredNorms]]);

/** [first..., |g0|^2, |g1|^2, ...]: `first` ([m]) then each gradient's squared norm, ceil(P / 6) dispatches. */
export function packSquaredNormsWebGpu(
  first: tf.Tensor1D,
  grads: readonly tf.Tensor[],
): tf.Tensor1D {
  let out = first;
  for (let i = 0; i < grads.length; i += NORMS_PER_PROGRAM) {
    const inputs: Record<string, tf.Tensor> = { prev: out };
    grads.slice(i, i + NORMS_PER_PROGRAM).forEach((g, j) => {
      inputs[`g${j}`] = tf.reshape(g, [-1]);
    });
    out = runKernel(SQUARED_NORMS_KERNEL, inputs) as tf.Tensor1D;
  }
  return out;
}
