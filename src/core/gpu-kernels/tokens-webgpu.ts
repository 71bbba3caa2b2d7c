/**
 * The ViT's token sequence [cls; patches] + pos_embed on tfjs's WebGPU backend: one dispatch
 * forward, one backward.
 *
 * Why: the generic assembly (models/ops.ts embedTokens: pad the class token to T rows, add
 * pos_embed, pad the patches by one row, add) is 4 dispatches forward, and its gradient a Sum
 * over the batch and 2 Slices: 7 a step where these are 2. The backward gives each (token,
 * feature) column to one invocation: it copies dy into the patches' gradient and sums it over
 * the batch (pos_embed's gradient; the class token's is its row 0), three outputs from one
 * dispatch (webgpu-dispatch.ts). Forward values are exact; the batch sum runs in order.
 */
import * as tf from '@tensorflow/tfjs-core';
import { i32, registerWebGpuKernels } from './webgpu-program';
import { inputsOf, type KernelArgs, runKernel, runKernels } from '../kernel-call';
import { dispatch, newOutput, webGpuInternals } from './webgpu-dispatch';

/** patches [B, N, D], cls [1, 1, D], pos [1, N + 1, D] -> [B, N + 1, D]. */
export const EMBED_TOKENS_KERNEL = 'FtpEmbedTokens';
/** dy [B, N + 1, D] -> [dpatches [B, N, D], dcls [1, 1, D], dpos [1, N + 1, D]]. */
export const EMBED_TOKENS_GRAD_KERNEL = 'FtpEmbedTokensGrad';

const needInternals = (kernel: string): Error =>
  new Error(`${kernel} needs tfjs-backend-webgpu 4.x internals`);

function embedTokens(args: KernelArgs): tf.TensorInfo {
  const gpu = webGpuInternals(args.backend);
  if (!gpu) throw needInternals(EMBED_TOKENS_KERNEL);
  const { patches, cls, pos } = inputsOf(args, 'patches', 'cls', 'pos');
  const [batch, n, dim] = patches.shape as [number, number, number];
  const out = newOutput(gpu, [batch, n + 1, dim]);
  dispatch(gpu, {
    key: 'embed_tokens',
    bindings: [
      { name: 'H', tensor: out, write: true },
      { name: 'P', tensor: patches, write: false },
      { name: 'C', tensor: cls, write: false },
      { name: 'E', tensor: pos, write: false },
    ],
    uniformFields: 'tokens : i32, dim : i32,',
    uniforms: i32(n + 1, dim),
    count: batch * (n + 1) * dim,
    body: `let d = index % uniforms.dim;
  let t = (index / uniforms.dim) % uniforms.tokens;
  let b = index / (uniforms.dim * uniforms.tokens);
  let e = E[t * uniforms.dim + d];
  if (t == 0) { H[index] = C[d] + e; return; }
  H[index] = P[(b * (uniforms.tokens - 1) + t - 1) * uniforms.dim + d] + e;`,
  });
  return out;
}

function embedTokensGrad(args: KernelArgs): tf.TensorInfo[] {
  const gpu = webGpuInternals(args.backend);
  if (!gpu) throw needInternals(EMBED_TOKENS_GRAD_KERNEL);
  const { dy } = inputsOf(args, 'dy');
  const [batch, tokens, dim] = dy.shape as [number, number, number];
  const outs = [
    newOutput(gpu, [batch, tokens - 1, dim]),
    newOutput(gpu, [1, 1, dim]),
    newOutput(gpu, [1, tokens, dim]),
  ];
  dispatch(gpu, {
    key: 'embed_tokens_grad',
    bindings: [
      ...['DP', 'DC', 'DE'].map((name, i) => ({
        name,
        tensor: outs[i] as tf.TensorInfo,
        write: true,
      })),
      { name: 'DY', tensor: dy, write: false },
    ],
    uniformFields: 'batch : i32, tokens : i32, dim : i32,',
    uniforms: i32(batch, tokens, dim),
    count: tokens * dim,
    body: `let d = index % uniforms.dim;
  let t = index / uniforms.dim;
  var acc = 0.0;
  for (var b = 0; b < uniforms.batch; b = b + 1) {
    let v = DY[(b * uniforms.tokens + t) * uniforms.dim + d];
    acc = acc + v;
    if (t > 0) { DP[(b * (uniforms.tokens - 1) + t - 1) * uniforms.dim + d] = v; }
  }
  DE[index] = acc;
  if (t == 0) { DC[d] = acc; }`,
  });
  return outs;
}

/** Registers both kernels for the WebGPU backend, and the forward's gradient (idempotent). */
export function registerWebGpuTokens(): void {
  registerWebGpuKernels([
    [EMBED_TOKENS_KERNEL, embedTokens],
    [EMBED_TOKENS_GRAD_KERNEL, embedTokensGrad],
  ]);
  if (tf.getGradient(EMBED_TOKENS_KERNEL)) return;
  tf.registerGradient({
    kernelName: EMBED_TOKENS_KERNEL,
    gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
      const [dp, dc, de] = runKernels(EMBED_TOKENS_GRAD_KERNEL, { dy: dy as tf.Tensor });
      return {
        patches: () => dp as tf.Tensor,
        cls: () => dc as tf.Tensor,
        pos: () => de as tf.Tensor,
      };
    },
  });
}

/** [cls; patches] + pos: patches [B, N, D], cls [1, 1, D], pos [1, N + 1, D] -> [B, N + 1, D]. */
export const embedTokensWebGpu = (patches: tf.Tensor, cls: tf.Tensor, pos: tf.Tensor): tf.Tensor =>
  runKernel(EMBED_TOKENS_KERNEL, { patches, cls, pos });
