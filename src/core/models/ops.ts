/**
 * Small functional building blocks with PyTorch semantics, on NHWC / [.., features] tensors.
 * Every function is pure: parameters come in through `p(name)`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { conv2dFastGrad, depthwiseFastGrad } from './cpu-conv';
import { biasAddWebGpu, linearWebGpu } from '../gpu-kernels/linear-webgpu';
import { scaledSoftmaxWebGpu } from '../gpu-kernels/softmax-webgpu';
import { splitQkvWebGpu } from '../gpu-kernels/qkv-webgpu';
import { embedTokensWebGpu } from '../gpu-kernels/tokens-webgpu';
import { geluWebGpu, layerNormWebGpu } from '../gpu-kernels/model-ops-webgpu';
import { onJsKernelBackend, served } from '../kernel-paths';
import { layerNormJs } from '../cpu-kernels/layer-norm-js';
import type { Params } from './model';

/** Whether the WGSL LayerNorm, GELU, bias and softmax programs serve the active backend (kernel-paths.ts). */
const fusedGpu = (): boolean => served('webGpuModelOps');
/** Whether the JS LayerNorm and bias kernels serve the active backend (wasm; cpu-kernels/wasm-model-ops.ts). */
const fusedJs = (): boolean => served('wasmModelOps');

/** y = x W + b over the last axis; x: [..., in], W (tfjs layout): [in, out]. */
export function linear(p: Params, name: string, x: tf.Tensor, bias = true): tf.Tensor {
  const w = p(`${name}.weight`) as tf.Tensor2D;
  const inF = w.shape[0];
  const outF = w.shape[1];
  const lead = x.shape.slice(0, -1);
  const x2 = tf.reshape(x, [-1, inF]) as tf.Tensor2D;
  const y = bias ? affine(x2, w, p(`${name}.bias`)) : tf.matMul(x2, w);
  return tf.reshape(y, [...lead, outF]);
}

/** x [rows, in] W [in, out] + b [out]. WebGPU: the bias inside the matmul, its gradient one column sum (gpu-kernels/linear-webgpu.ts). */
export function affine(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor): tf.Tensor2D {
  // wasm too: its column sum is a JS kernel under the same name (cpu-kernels/linear-js.ts).
  if (fusedGpu() || fusedJs()) return linearWebGpu(x, w, b);
  return tf.add(tf.matMul(x, w), b);
}

/** softmax(scale * x) over the last axis (attention weights). WebGPU: 1 dispatch forward, 1 backward (gpu-kernels/softmax-webgpu.ts). */
export function scaledSoftmax(x: tf.Tensor, scale: number): tf.Tensor {
  if (fusedGpu()) return scaledSoftmaxWebGpu(x, scale);
  return tf.softmax(tf.mul(x, scale), -1);
}

/**
 * The qkv projection [B, T, 3D] split into per-head q, k, v [B*H, T, hd] (timm's reshape
 * [B, T, 3, H, hd], permute(2, 0, 3, 1, 4), unbind). WebGPU: 1 dispatch forward, 1 backward
 * (gpu-kernels/qkv-webgpu.ts), where the generic transpose and unstack take 4 and 2.
 */
export function splitQkv(x: tf.Tensor, heads: number): [tf.Tensor, tf.Tensor, tf.Tensor] {
  if (fusedGpu()) return splitQkvWebGpu(x, heads);
  const [B, T, three] = x.shape as [number, number, number];
  const hd = three / 3 / heads;
  const qkv = tf.transpose(tf.reshape(x, [B, T, 3, heads, hd]), [2, 0, 3, 1, 4]);
  const [q, k, v] = tf.unstack(qkv, 0) as [tf.Tensor, tf.Tensor, tf.Tensor]; // each [B, H, T, hd]
  const heads3 = (t: tf.Tensor): tf.Tensor => tf.reshape(t, [B * heads, T, hd]);
  return [heads3(q), heads3(k), heads3(v)];
}

/**
 * The token sequence [cls; patches] + pos: patches [B, N, D], cls [1, 1, D], pos [1, N + 1, D]
 * -> [B, N + 1, D], as pads and adds (token 0 is 0 + (pos[0] + cls), the rest patches + pos; the
 * backward a few kernels, where tiling cls over the batch took a slice and an add per image).
 * WebGPU: 1 dispatch forward, 1 backward (gpu-kernels/tokens-webgpu.ts), where these take 4 and 3.
 */
export function embedTokens(patches: tf.Tensor, cls: tf.Tensor, pos: tf.Tensor): tf.Tensor {
  if (fusedGpu()) return embedTokensWebGpu(patches, cls, pos);
  const n = patches.shape[1] as number;
  const clsPos = tf.add(
    pos,
    tf.pad(cls, [
      [0, 0],
      [0, n],
      [0, 0],
    ]),
  ); // [1, T, D]
  const padded = tf.pad(patches, [
    [0, 0],
    [1, 0],
    [0, 0],
  ]);
  return tf.add(padded, clsPos);
}

/** LayerNorm over the last axis (biased variance, like torch.nn.LayerNorm). */
export function layerNorm(p: Params, name: string, x: tf.Tensor, eps: number): tf.Tensor {
  // WebGPU: 1 dispatch forward and 2 backward instead of 10 and 28 (gpu-kernels/layer-norm-webgpu.ts).
  if (fusedGpu()) return layerNormWebGpu(x, p(`${name}.weight`), p(`${name}.bias`), eps);
  if (fusedJs()) return layerNormJs(x, p(`${name}.weight`), p(`${name}.bias`), eps); // wasm: 1 and 1
  const axis = x.rank - 1;
  const { mean, variance } = tf.moments(x, axis, true);
  const xhat = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps)));
  return tf.add(tf.mul(xhat, p(`${name}.weight`)), p(`${name}.bias`));
}

/** Exact GELU, 0.5 x (1 + erf(x / sqrt 2)), as torch.nn.GELU() (not the tanh approximation). */
export function gelu(x: tf.Tensor): tf.Tensor {
  if (fusedGpu()) return geluWebGpu(x); // WebGPU: 1 dispatch forward, 1 backward
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
}

/**
 * Conv2d with PyTorch's symmetric zero padding. tfjs 'same' pads asymmetrically for
 * stride > 1 (extra row at the bottom), torch pads both sides equally: pad explicitly,
 * then run a 'valid' convolution. x: [B, H, W, Cin], W: [kh, kw, Cin, Cout].
 * On the CPU-side backends, gradients come from cpu-conv.ts (tfjs's CPU filter-gradient kernel
 * is a slow scalar loop; tfjs-backend-wasm has no Conv2DBackpropFilter or depthwise backprop
 * kernels at all).
 */
export function conv2d(
  p: Params,
  name: string,
  x: tf.Tensor4D,
  opts: { stride: number; pad: number; bias: boolean; inputGrad?: boolean },
): tf.Tensor4D {
  const w = p(`${name}.weight`) as tf.Tensor4D;
  if (onJsKernelBackend()) {
    // Padding inside the conv; no input gradient where x is data (`inputGrad: false`).
    const y = conv2dFastGrad(x, w, opts.stride, opts.pad, opts.inputGrad ?? true);
    return opts.bias ? addBias(y, p(`${name}.bias`)) : y;
  }
  const xp =
    opts.pad > 0
      ? tf.pad(x, [
          [0, 0],
          [opts.pad, opts.pad],
          [opts.pad, opts.pad],
          [0, 0],
        ])
      : x;
  const y = tf.conv2d(xp, w, opts.stride, 'valid');
  return opts.bias ? addBias(y, p(`${name}.bias`)) : y;
}

/** Depthwise conv, stride 1, symmetric padding. W: [kh, kw, C, 1]. */
export function depthwiseConv2d(p: Params, name: string, x: tf.Tensor4D, pad: number): tf.Tensor4D {
  const w = p(`${name}.weight`) as tf.Tensor4D;
  // wasm: the padding inside the conv, so dx covers x alone (cpu-conv.ts).
  if (fusedJs()) return addBias(depthwiseFastGrad(x, w, pad), p(`${name}.bias`));
  const xp =
    pad > 0
      ? tf.pad(x, [
          [0, 0],
          [pad, pad],
          [pad, pad],
          [0, 0],
        ])
      : x;
  const y = onJsKernelBackend() ? depthwiseFastGrad(xp, w) : tf.depthwiseConv2d(xp, w, 1, 'valid');
  return addBias(y, p(`${name}.bias`));
}

/** y [B, H, W, C] + b [C]. WebGPU: the bias gradient in one column sum (gpu-kernels/linear-webgpu.ts). */
function addBias(y: tf.Tensor4D, b: tf.Tensor): tf.Tensor4D {
  return fusedGpu() || fusedJs() ? biasAddWebGpu(y, b) : tf.add(y, b);
}

export const BN_MOMENTUM = 0.1;
export const BN_EPS = 1e-5;

/**
 * BatchNorm2d on NHWC. Training: normalise with the batch's biased variance and return
 * updated running statistics (torch: momentum 0.1, running_var takes the unbiased variance).
 * Eval: normalise with the running statistics.
 */
export function batchNorm(
  p: Params,
  name: string,
  x: tf.Tensor4D,
  training: boolean,
  updates: Map<string, tf.Tensor>,
): tf.Tensor4D {
  const w = p(`${name}.weight`);
  const b = p(`${name}.bias`);
  if (!training) {
    const xhat = tf.div(
      tf.sub(x, p(`${name}.running_mean`)),
      tf.sqrt(tf.add(p(`${name}.running_var`), BN_EPS)),
    );
    return tf.add(tf.mul(xhat, w), b) as tf.Tensor4D;
  }
  const { mean, variance } = tf.moments(x, [0, 1, 2]); // [C], [C]
  const n = x.shape[0] * x.shape[1] * x.shape[2];
  // Running statistics are state: they do not feed the loss, so no gradient flows into them.
  const m = mean;
  const v = variance;
  const rm = p(`${name}.running_mean`);
  const rv = p(`${name}.running_var`);
  updates.set(
    `${name}.running_mean`,
    tf.keep(tf.add(tf.mul(rm, 1 - BN_MOMENTUM), tf.mul(m, BN_MOMENTUM))),
  );
  updates.set(
    `${name}.running_var`,
    tf.keep(tf.add(tf.mul(rv, 1 - BN_MOMENTUM), tf.mul(v, (BN_MOMENTUM * n) / Math.max(n - 1, 1)))),
  );
  updates.set(`${name}.num_batches_tracked`, tf.keep(tf.add(p(`${name}.num_batches_tracked`), 1)));
  const xhat = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, BN_EPS)));
  return tf.add(tf.mul(xhat, w), b) as tf.Tensor4D;
}
