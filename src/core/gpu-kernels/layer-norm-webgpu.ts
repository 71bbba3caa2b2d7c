/**
 * LayerNorm on tfjs's WebGPU backend: 1 dispatch forward, 2 backward.
 *
 * Why: the generic LayerNorm (models/ops.ts) is 10 dispatches forward and 28 backward. As tfjs
 * programs (one output each: layer-norm-webgpu-programs.ts) it was 1 forward and 4 backward (row
 * statistics, dx, dgamma, dbeta). Writing two outputs from one dispatch (webgpu-dispatch.ts)
 * makes it 1 and 2: the forward also writes each row's mean and 1 / std, which the backward
 * reads instead of recomputing them, and one workgroup per column sums dgamma and dbeta
 * together. The ViT runs 9 LayerNorms a step, the ConvNeXt 8: 18 and 16 dispatches fewer.
 * Where the backend lacks the internals webgpu-dispatch.ts uses, the same kernels run the
 * tfjs programs (same values: the same expressions, the same summation order).
 */
import * as tf from '@tensorflow/tfjs-core';
import { f32, i32, rowsCols } from './webgpu-program';
import { attrsOf, inputsOf, type KernelArgs, runKernel, runKernels } from '../kernel-call';
import {
  LN_GRAD_X_KERNEL,
  ROW_MOMENTS,
  columnSum,
  layerNorm,
  layerNormGradGamma,
  layerNormStats,
} from './layer-norm-webgpu-programs';
import {
  dispatch,
  newOutput,
  PAIR_PARTIALS,
  PAIR_TREE_SUMS,
  webGpuInternals,
  WORKGROUP,
} from './webgpu-dispatch';

/** x [rows, cols], gamma, beta [cols] -> [y (x's shape), stats [rows, 2]: mean, 1 / sqrt(var + eps)]. */
export const LN_WITH_STATS_KERNEL = 'FtpLayerNormWithStats';
/** dy, x [rows, cols], stats [rows, 2] -> [dgamma [cols], dbeta [cols]]. */
export const LN_GRAD_GAMMA_BETA_KERNEL = 'FtpLayerNormGradGammaBeta';

function layerNormWithStats(args: KernelArgs): tf.TensorInfo[] {
  const gpu = webGpuInternals(args.backend);
  if (!gpu) return [layerNorm(args), layerNormStats(args)];
  const { x, gamma, beta } = inputsOf(args, 'x', 'gamma', 'beta');
  const [rows, cols] = rowsCols(x.shape);
  const y = newOutput(gpu, x.shape);
  const stats = newOutput(gpu, [rows, 2]);
  dispatch(gpu, {
    key: 'ln_with_stats',
    bindings: [
      { name: 'Y', tensor: y, write: true },
      { name: 'ST', tensor: stats, write: true },
      { name: 'X', tensor: x, write: false },
      { name: 'Gamma', tensor: gamma, write: false },
      { name: 'Beta', tensor: beta, write: false },
    ],
    uniformFields: 'rows : i32, cols : i32, eps : f32,',
    uniforms: [...i32(rows, cols), ...f32(attrsOf<{ eps: number }>(args).eps)],
    count: rows,
    body: `${ROW_MOMENTS}
  let denom = sqrt(sq / f32(n) + uniforms.eps);
  for (var j = 0; j < n; j++) { Y[base + j] = (X[base + j] - mean) / denom * Gamma[j] + Beta[j]; }
  ST[2 * index] = mean;
  ST[2 * index + 1] = 1.0 / sqrt(sq / f32(n) + uniforms.eps);`,
  });
  return [y, stats];
}

function layerNormGradGammaBeta(args: KernelArgs): tf.TensorInfo[] {
  const gpu = webGpuInternals(args.backend);
  const { dy, x, stats } = inputsOf(args, 'dy', 'x', 'stats');
  if (!gpu) return [layerNormGradGamma(args), columnSum({ ...args, inputs: { x: dy } })];
  const [rows, cols] = rowsCols(x.shape);
  const dgamma = newOutput(gpu, [cols]);
  const dbeta = newOutput(gpu, [cols]);
  dispatch(gpu, {
    key: 'ln_dgamma_dbeta',
    bindings: [
      { name: 'DG', tensor: dgamma, write: true },
      { name: 'DB', tensor: dbeta, write: true },
      { name: 'DY', tensor: dy, write: false },
      { name: 'X', tensor: x, write: false },
      { name: 'S', tensor: stats, write: false },
    ],
    uniformFields: 'rows : i32, cols : i32,',
    uniforms: i32(rows, cols),
    count: cols,
    perWorkgroup: true,
    helpers: PAIR_PARTIALS,
    body: `let c = wg;
    var a = 0.0;
    var b = 0.0;
    for (var r = lid; r < uniforms.rows; r = r + ${WORKGROUP}) {
      let i = r * uniforms.cols + c;
      a = a + DY[i] * ((X[i] - S[2 * r]) * S[2 * r + 1]);
      b = b + DY[i];
    }
    pa[lid] = a;
    pb[lid] = b;
    ${PAIR_TREE_SUMS}
    if (lid == 0) {
      DG[c] = pa[0];
      DB[c] = pb[0];
    }
    workgroupBarrier();`,
  });
  return [dgamma, dbeta];
}

export const LN_FUSED_KERNELS: [string, (a: KernelArgs) => tf.TensorInfo[]][] = [
  [LN_WITH_STATS_KERNEL, layerNormWithStats],
  [LN_GRAD_GAMMA_BETA_KERNEL, layerNormGradGammaBeta],
];

/** LayerNorm over the last axis of x with weight gamma and bias beta ([D]): 1 dispatch, 2 backward. */
export function layerNormWebGpu(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  eps: number,
): tf.Tensor {
  const [rows, cols] = rowsCols(x.shape);
  const f = tf.customGrad((...a: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, g, b, save] = a as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const [y, stats] = runKernels(LN_WITH_STATS_KERNEL, { x: x2, gamma: g, beta: b }, { eps }) as [
      tf.Tensor,
      tf.Tensor,
    ];
    save([x2, g, stats]);
    stats.dispose(); // the tape keeps its own clone (none without a tape)
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, gs, st] = saved as [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D];
        const d = dy as tf.Tensor2D;
        const [dgamma, dbeta] = runKernels(LN_GRAD_GAMMA_BETA_KERNEL, {
          dy: d,
          x: xs,
          stats: st,
        }) as [tf.Tensor, tf.Tensor];
        return [runKernel(LN_GRAD_X_KERNEL, { dy: d, x: xs, gamma: gs, stats: st }), dgamma, dbeta];
      },
    };
  });
  return tf.reshape(
    f(tf.reshape(x, [rows, cols]), tf.reshape(gamma, [cols]), tf.reshape(beta, [cols])),
    x.shape,
  );
}
