/**
 * The WebGPU BatchNorm's paired programs as one dispatch each (webgpu-dispatch.ts writes two
 * outputs): the running mean and variance together, and dgamma with dbeta. A training
 * BatchNorm(+ReLU) is then 3 dispatches forward and 2 backward instead of 4 and 3: the micro
 * ResNet's 9 take 18 fewer a step. The same expressions and summation order as the single
 * programs (batch-norm-webgpu-forward.ts bnRunning, batch-norm-webgpu-grad.ts bnGradGamma,
 * bnGradBeta), which run instead where the backend lacks the internals webgpu-dispatch.ts uses.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { f32, i32, rowsCols } from './webgpu-program';
import { attrsOf, inputsOf, type KernelArgs } from '../kernel-call';
import { bnRunning } from './batch-norm-webgpu-forward';
import { bnGradBeta, bnGradGamma } from './batch-norm-webgpu-grad';
import {
  dispatch,
  newOutput,
  PAIR_PARTIALS,
  PAIR_TREE_SUMS,
  webGpuInternals,
  WORKGROUP,
  type Binding,
} from './webgpu-dispatch';

export const BN_WEBGPU_RUNNING_PAIR_KERNEL = 'FtpBatchNormRunningPairWebGpu';
export const BN_WEBGPU_GRAD_PAIR_KERNEL = 'FtpBatchNormGradGammaBetaWebGpu';

interface RunningAttrs {
  keep: number;
  meanFactor: number;
  varFactor: number;
}

/** runningMean, runningVar [C], stats [2, C] -> [runningMean', runningVar']. */
function runningPair(args: KernelArgs): tf.TensorInfo[] {
  const { runningMean, runningVar, stats } = inputsOf(args, 'runningMean', 'runningVar', 'stats');
  const { keep, meanFactor, varFactor } = attrsOf<RunningAttrs>(args);
  const gpu = webGpuInternals(args.backend);
  if (!gpu) {
    const one = (running: tf.TensorInfo, row: number, factor: number): tf.TensorInfo =>
      bnRunning({ ...args, inputs: { running, stats }, attrs: { row, keep, factor } });
    return [one(runningMean, 0, meanFactor), one(runningVar, 1, varFactor)];
  }
  const cols = runningMean.shape[0] as number;
  const outs = [newOutput(gpu, [cols]), newOutput(gpu, [cols])] as const;
  dispatch(gpu, {
    key: 'bn_running_pair',
    bindings: [
      { name: 'RM2', tensor: outs[0], write: true },
      { name: 'RV2', tensor: outs[1], write: true },
      { name: 'RM', tensor: runningMean, write: false },
      { name: 'RV', tensor: runningVar, write: false },
      { name: 'S', tensor: stats, write: false },
    ],
    uniformFields: 'cols : i32, keep : f32, mf : f32, vf : f32,',
    uniforms: [...i32(cols), ...f32(keep, meanFactor, varFactor)],
    count: cols,
    body: `RM2[index] = RM[index] * uniforms.keep + S[index] * uniforms.mf;
  RV2[index] = RV[index] * uniforms.keep + S[uniforms.cols + index] * uniforms.vf;`,
  });
  return [...outs];
}

/** dy, y (after a ReLU only), x, stats -> [dgamma, dbeta] [C]. */
function gradPair(args: KernelArgs): tf.TensorInfo[] {
  const { eps, relu } = attrsOf<{ eps: number; relu: boolean }>(args);
  const gpu = webGpuInternals(args.backend);
  if (!gpu) return [bnGradGamma(args), bnGradBeta(args)];
  const { dy, x, stats } = inputsOf(args, 'dy', 'x', 'stats');
  const [rows, cols] = rowsCols(dy.shape);
  const outs = [newOutput(gpu, [cols]), newOutput(gpu, [cols])] as const;
  const y: Binding[] = relu ? [{ name: 'Y', tensor: inputsOf(args, 'y').y, write: false }] : [];
  const g = relu ? 'select(0.0, DY[i], Y[i] > 0.0)' : 'DY[i]';
  dispatch(gpu, {
    key: `bn_dgamma_dbeta_${relu ? 'relu' : 'linear'}`,
    bindings: [
      { name: 'DG', tensor: outs[0], write: true },
      { name: 'DB', tensor: outs[1], write: true },
      { name: 'DY', tensor: dy, write: false },
      ...y,
      { name: 'X', tensor: x, write: false },
      { name: 'S', tensor: stats, write: false },
    ],
    uniformFields: 'rows : i32, cols : i32, eps : f32,',
    uniforms: [...i32(rows, cols), ...f32(eps)],
    count: cols,
    perWorkgroup: true,
    helpers: PAIR_PARTIALS,
    body: `let c = wg;
    let mean = S[c];
    let sd = sqrt(S[uniforms.cols + c] + uniforms.eps);
    var a = 0.0;
    var b = 0.0;
    for (var r = lid; r < uniforms.rows; r = r + ${WORKGROUP}) {
      let i = r * uniforms.cols + c;
      let g = ${g};
      a = a + g * ((X[i] - mean) / sd);
      b = b + g;
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
  return [...outs];
}

export const BN_PAIR_KERNELS: [string, (a: KernelArgs) => tf.TensorInfo[]][] = [
  [BN_WEBGPU_RUNNING_PAIR_KERNEL, runningPair],
  [BN_WEBGPU_GRAD_PAIR_KERNEL, gradPair],
];
