/**
 * What the custom WebGPU kernels of this folder share: running a WGSL program on tfjs's WebGPU
 * backend, building its uniforms, the two program layouts they use, and registering the kernels.
 *
 * tfjs-backend-webgpu is loaded only in the browser (and by the Dawn tests), so these modules do
 * not import it: a kernel receives the backend as `unknown` and calls `runWebGPUProgram` on its
 * view (backend-view.ts). The program objects follow the backend's WebGPUProgram interface:
 * `variableNames` become the input getters, `uniforms` the WGSL uniform fields after tfjs's own,
 * `main(index)` the body, `shaderKey` (with the shapes) the compiled-shader cache key.
 */
import * as tf from '@tensorflow/tfjs-core';
import { webGpuView, type Uniform } from '../backend-view';
import { registerKernels, type KernelArgs } from '../kernel-call';

/** Invocations per workgroup of the flat and column programs. */
export const WORKGROUP = 64;

export const i32 = (...data: number[]): Uniform[] =>
  data.map((d) => ({ type: 'int32', data: [d] }));
export const f32 = (...data: number[]): Uniform[] =>
  data.map((d) => ({ type: 'float32', data: [d] }));

/** Runs `program` on `backend` (the kernel's `args.backend`, tfjs's WebGPU backend): a new float32 tensor. */
export function runProgram(
  backend: unknown,
  program: object,
  inputs: tf.TensorInfo[],
  uniforms: Uniform[],
): tf.TensorInfo {
  return webGpuView(backend).runWebGPUProgram(program, inputs, 'float32', uniforms);
}

/** A shape [..., cols] viewed as [rows, cols] over its last axis. */
export const rowsCols = (shape: number[]): [number, number] => {
  const cols = shape[shape.length - 1] as number;
  return [tf.util.sizeFromShape(shape) / cols, cols];
};

/** A program over `count` invocations (rows or elements) of `outputShape`, flat dispatch, `main(index)`. */
export function flatProgram(
  key: string,
  inputs: string[],
  uniforms: string,
  outputShape: number[],
  count: number,
  body: string,
): object {
  return {
    variableNames: inputs,
    uniforms,
    workgroupSize: [WORKGROUP, 1, 1],
    outputShape,
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    dispatch: [Math.ceil(count / WORKGROUP), 1, 1],
    shaderKey: `ftp_${key}`,
    getUserCode: () => `
      fn main(index : i32) {
        ${body}
      }`,
  };
}

/** The linear id of this workgroup (tfjs may fold a long dispatch into y and z). */
export const WORKGROUP_ID =
  'i32(workgroupId.z * numWorkgroups.x * numWorkgroups.y + workgroupId.y * numWorkgroups.x + workgroupId.x)';

/** Sums partial[0..workgroup) into partial[0] (every invocation of the workgroup runs it; `lid` is its local id). */
export const treeSum = (workgroup: number): string => `
        workgroupBarrier();
        for (var s = ${workgroup / 2}; s > 0; s = s >> 1u) {
          if (lid < s) {
            partial[lid] = partial[lid] + partial[lid + s];
          }
          workgroupBarrier();
        }`;

/**
 * One workgroup per column c of [rows, cols] (output [cols]): out[c] = sum over rows r of `term`
 * (an f32 expression in r, c and `i = r * cols + c`, after `prelude`, once per column), a tree
 * reduction in workgroup memory. `uniforms` declares rows and cols first.
 */
export function columnProgram(
  key: string,
  inputs: string[],
  uniforms: string,
  cols: number,
  prelude: string,
  term: string,
): object {
  return {
    variableNames: inputs,
    uniforms,
    workgroupSize: [WORKGROUP, 1, 1],
    outputShape: [cols],
    dispatchLayout: { x: [0] },
    dispatch: [cols, 1, 1],
    shaderKey: `ftp_${key}`,
    getUserCode: () => `
      var<workgroup> partial : array<f32, ${WORKGROUP}>;
      fn main(index : i32) {
        let c = ${WORKGROUP_ID};
        let lid = i32(localId.x);
        var acc = 0.0;
        if (c < uniforms.cols) {
          ${prelude}
          for (var r = lid; r < uniforms.rows; r = r + ${WORKGROUP}) {
            let i = r * uniforms.cols + c;
            acc = acc + ${term};
          }
        }
        partial[lid] = acc;
        ${treeSum(WORKGROUP)}
        if (lid == 0 && c < uniforms.cols) {
          result[c] = partial[0];
        }
      }`,
  };
}

/** Registers each [name, kernel function] for the WebGPU backend (idempotent; the backend itself need not be loaded). */
export const registerWebGpuKernels = (
  kernels: [string, (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]][],
): void => registerKernels(['webgpu'], kernels);

/**
 * Runs a row program over [rows, cols] (`main` once per row `index`, uniforms rows, cols and the
 * one f32 `scalar`): the layout of LayerNorm's and the softmax's row programs.
 */
export function runRowProgram(
  backend: unknown,
  key: string,
  inputs: [string, tf.TensorInfo][],
  outputShape: number[],
  [rows, cols]: [number, number],
  [name, value]: [string, number],
  main: string,
): tf.TensorInfo {
  const program = flatProgram(
    key,
    inputs.map(([n]) => n),
    `rows : i32, cols : i32, ${name} : f32,`,
    outputShape,
    rows,
    main,
  );
  return runProgram(
    backend,
    program,
    inputs.map(([, t]) => t),
    [...i32(rows, cols), ...f32(value)],
  );
}
