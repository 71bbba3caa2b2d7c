/**
 * The attention's q/k/v split on tfjs's WebGPU backend: one dispatch forward, one backward.
 *
 * Why: the generic split of the qkv projection [B, T, 3D] into per-head q, k, v [B*H, T, hd]
 * (timm's reshape [B, T, 3, H, hd], permute(2, 0, 3, 1, 4), unbind) is a Transpose and an
 * Unpack (3 slices) forward, a Pack and a Transpose backward: 4 + 2 dispatches per attention
 * layer where these are 1 + 1 (the ViT's 4 layers: 16 fewer a step). The forward writes its
 * three outputs from one dispatch (webgpu-dispatch.ts; three tfjs programs where the backend
 * lacks the internals); the backward is one tfjs program gathering dq, dk, dv back into
 * [B, T, 3D]. Pure data movement: values are unchanged, bit for bit.
 */
import * as tf from '@tensorflow/tfjs-core';
import { flatProgram, i32, registerWebGpuKernels, runProgram } from './webgpu-program';
import { attrsOf, inputsOf, type KernelArgs, runKernel, runKernels } from '../kernel-call';
import { dispatch, newOutput, webGpuInternals } from './webgpu-dispatch';

/** x [B, T, 3D] -> q, k, v [B*H, T, hd] (attrs: heads). */
export const SPLIT_QKV_KERNEL = 'FtpSplitQkv';
/** dq, dk, dv [B*H, T, hd] -> dx [B, T, 3D] (attrs: batch, heads). */
export const MERGE_QKV_KERNEL = 'FtpMergeQkv';

interface Dims {
  batch: number;
  heads: number;
}

/** Output element e of q/k/v [B*H, T, hd] reads x [B, T, 3D] at `src + part * D` (WGSL). */
const SOURCE = `
  let hd = uniforms.hd;
  let t = (index / hd) % uniforms.tokens;
  let bh = index / (hd * uniforms.tokens);
  let h = bh % uniforms.heads;
  let b = bh / uniforms.heads;
  let dim = uniforms.heads * hd;
  let src = (b * uniforms.tokens + t) * 3 * dim + h * hd + index % hd;`;

function splitQkv(args: KernelArgs): tf.TensorInfo[] {
  const { x } = inputsOf(args, 'x');
  const { heads } = attrsOf<Dims>(args);
  const [batch, tokens, three] = x.shape as [number, number, number];
  const hd = three / 3 / heads;
  const shape = [batch * heads, tokens, hd];
  const count = (batch * tokens * three) / 3;
  const gpu = webGpuInternals(args.backend);
  if (!gpu) {
    return [0, 1, 2].map((part) =>
      runProgram(
        args.backend,
        flatProgram(
          'split_qkv_part',
          ['X'],
          'tokens : i32, heads : i32, hd : i32, part : i32, count : i32,',
          shape,
          count,
          `if (index < uniforms.count) { ${SOURCE}\n  setOutputAtIndex(index, X[src + uniforms.part * dim]); }`,
        ),
        [x],
        i32(tokens, heads, hd, part, count),
      ),
    );
  }
  const outs = [0, 1, 2].map(() => newOutput(gpu, shape));
  dispatch(gpu, {
    key: 'split_qkv',
    bindings: [
      ...['Q', 'K', 'V'].map((name, i) => ({
        name,
        tensor: outs[i] as tf.TensorInfo,
        write: true,
      })),
      { name: 'X', tensor: x, write: false },
    ],
    uniformFields: 'tokens : i32, heads : i32, hd : i32,',
    uniforms: i32(tokens, heads, hd),
    count,
    body: `${SOURCE}
  Q[index] = X[src];
  K[index] = X[src + dim];
  V[index] = X[src + 2 * dim];`,
  });
  return outs;
}

function mergeQkv(args: KernelArgs): tf.TensorInfo {
  const { dq, dk, dv } = inputsOf(args, 'dq', 'dk', 'dv');
  const { batch, heads } = attrsOf<Dims>(args);
  const [, tokens, hd] = dq.shape as [number, number, number];
  const dim = heads * hd;
  const count = batch * tokens * 3 * dim;
  // Output element i of [B, T, 3, H, hd] reads part (q, k or v) at [b * H + h, t, d].
  const main = `
        if (index < uniforms.count) {
          let hd = uniforms.hd;
          let dim = uniforms.heads * hd;
          let d = index % hd;
          let h = (index / hd) % uniforms.heads;
          let part = (index / dim) % 3;
          let bt = index / (3 * dim);
          let t = bt % uniforms.tokens;
          let b = bt / uniforms.tokens;
          let j = ((b * uniforms.heads + h) * uniforms.tokens + t) * hd + d;
          if (part == 0) { setOutputAtIndex(index, DQ[j]); }
          else if (part == 1) { setOutputAtIndex(index, DK[j]); }
          else { setOutputAtIndex(index, DV[j]); }
        }`;
  return runProgram(
    args.backend,
    flatProgram(
      'merge_qkv',
      ['DQ', 'DK', 'DV'],
      'tokens : i32, heads : i32, hd : i32, count : i32,',
      [batch, tokens, 3 * dim],
      count,
      main,
    ),
    [dq, dk, dv],
    i32(tokens, heads, hd, count),
  );
}

/** Registers both kernels for the WebGPU backend, and the split's gradient (idempotent). */
export function registerWebGpuQkv(): void {
  registerWebGpuKernels([
    [SPLIT_QKV_KERNEL, splitQkv],
    [MERGE_QKV_KERNEL, mergeQkv],
  ]);
  if (tf.getGradient(SPLIT_QKV_KERNEL)) return;
  tf.registerGradient({
    kernelName: SPLIT_QKV_KERNEL,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], _saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
      const [dq, dk, dv] = dy as tf.Tensor[];
      const { heads } = attrs as unknown as Dims;
      const batch = (dq as tf.Tensor).shape[0] / heads;
      return {
        x: () =>
          runKernel(
            MERGE_QKV_KERNEL,
            { dq: dq as tf.Tensor, dk: dk as tf.Tensor, dv: dv as tf.Tensor },
            { batch, heads },
          ),
      };
    },
  });
}

/** x [B, T, 3D] (the qkv projection) -> q, k, v [B*H, T, hd]: 1 dispatch forward, 1 backward. */
export const splitQkvWebGpu = (x: tf.Tensor, heads: number): [tf.Tensor, tf.Tensor, tf.Tensor] =>
  runKernels(SPLIT_QKV_KERNEL, { x }, { heads }) as [tf.Tensor, tf.Tensor, tf.Tensor];
