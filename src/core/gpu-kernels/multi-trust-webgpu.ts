/**
 * LAMB and LARS multi-tensor updates (cpu-kernels/multi-trust.ts: same kernels, inputs and
 * formulas) on tfjs's WebGPU backend, in three passes written with webgpu-dispatch.ts:
 *   A  per group of parameters: LAMB updates m, v and writes each update u = m^ / (sqrt(v^) + eps)
 *      + wd p into a flat [total] buffer U, and p into W (2 parameters a dispatch: S, U, W and
 *      a parameter and gradient each fill the 8 storage bindings); LARS copies p and g into two
 *      flat buffers (3 a dispatch);
 *   B  ONE segmented reduction (segmented-norms-webgpu.ts): every segment's squared norms;
 *   C  per group: the trust ratio from B, then the weights (and LARS's momentum buffer) in place
 *      (LAMB 6 parameters a dispatch, LARS 3).
 * The ViT's 56 parameters: LAMB 28 + 1 + 10, LARS 19 + 1 + 19 dispatches, where the per-tensor
 * generic ops took about 15 a parameter. Written tensors are written in place where only their
 * variable holds them, else into copies (webgpu-in-place.ts). Arithmetic in f32, the per-tensor
 * ops' order.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Uniform } from '../backend-view';
import {
  MULTI_LAMB_KERNEL,
  MULTI_LARS_KERNEL,
  type MultiLambAttrs,
  type MultiLarsAttrs,
} from '../cpu-kernels/multi-trust';
import { attrsOf, inputsOf, type KernelArgs } from '../kernel-call';
import { f32, i32, registerWebGpuKernels } from './webgpu-program';
import {
  dispatch,
  newOutput,
  storageBindings,
  webGpuInternals,
  type Binding,
  type WebGpuInternals,
} from './webgpu-dispatch';
import { writable } from './webgpu-in-place';
import { segmentedSquares } from './segmented-norms-webgpu';

const size = (t: tf.TensorInfo): number => t.shape.reduce((a, b) => a * b, 1);

/** One pass: `fixed` bindings, then per member its `perMember` bindings; `update(i)` its WGSL at local j. */
interface Pass {
  key: string;
  fixed: Binding[];
  perMember: (k: number, i: number) => Binding[];
  fields: string;
  values: Uniform[];
  memberFields: (i: number) => string;
  memberValues: (k: number) => Uniform[];
  update: (i: number) => string;
}

/** Runs `pass` over parameters 0..n-1 (sizes `sizes`, offsets `offsets`), as many to a dispatch as the bindings allow. */
function grouped(gpu: WebGpuInternals, sizes: number[], offsets: number[], pass: Pass): void {
  const per = Math.floor((storageBindings(gpu) - pass.fixed.length) / pass.perMember(0, 0).length);
  for (let start = 0; start < sizes.length; start += per) {
    const members = sizes.slice(start, start + per).map((_, i) => start + i);
    const branches = members
      .map(
        (_, i) =>
          `if (j < uniforms.n${i}) {\n    ${pass.update(i)}\n    return;\n  }\n  j = j - uniforms.n${i};`,
      )
      .join('\n  ');
    dispatch(gpu, {
      key: `${pass.key}_${members.length}`,
      bindings: [...pass.fixed, ...members.flatMap((k, i) => pass.perMember(k, i))],
      uniformFields: `${pass.fields} ${members.map((_, i) => `n${i} : i32, off${i} : i32, seg${i} : i32, ${pass.memberFields(i)}`).join(' ')}`,
      uniforms: [
        ...pass.values,
        ...members.flatMap((k) => [
          ...i32(sizes[k] as number, offsets[k] as number, k),
          ...pass.memberValues(k),
        ]),
      ],
      count: members.reduce((n, k) => n + (sizes[k] as number), 0),
      body: `var j = index;\n  ${branches}`,
    });
  }
}

/** The kernel's parameters, gradients and state, the written ones made writable. */
function operands(
  gpu: WebGpuInternals,
  args: KernelArgs,
  n: number,
  withState: boolean,
): {
  ps: tf.TensorInfo[];
  gs: tf.TensorInfo[];
  s: tf.TensorInfo | null;
  outs: () => tf.TensorInfo[];
} {
  const list = (prefix: string): tf.TensorInfo[] =>
    Object.values(inputsOf(args, ...Array.from({ length: n }, (_, i) => `${prefix}${i}`)));
  const gs = list('g');
  const ps = list('p').map((p) => writable(gpu, p, gs));
  const s = withState ? writable(gpu, inputsOf(args, 's').s, []) : null;
  return {
    ps: ps.map((p) => p.target),
    gs,
    s: s?.target ?? null,
    outs: () => [...ps.map((p) => p.out()), ...(s ? [s.out()] : [])],
  };
}

/** Member k as the i-th of its group: its parameter (written where `gs` is null) and gradient. */
const member =
  (ps: tf.TensorInfo[], gs: tf.TensorInfo[] | null) =>
  (k: number, i: number): Binding[] => [
    { name: `P${i}`, tensor: ps[k] as tf.TensorInfo, write: gs === null },
    ...(gs ? [{ name: `G${i}`, tensor: gs[k] as tf.TensorInfo, write: false }] : []),
  ];

function multiLamb(args: KernelArgs): tf.TensorInfo[] {
  const gpu = webGpuInternals(args.backend);
  if (!gpu) throw new Error(`${MULTI_LAMB_KERNEL} needs tfjs-backend-webgpu 4.x internals`);
  const a = attrsOf<MultiLambAttrs>(args);
  const n = a.offsets.length;
  const { ps, gs, s, outs } = operands(gpu, args, n, true);
  const sizes = ps.map(size);
  const [u, w] = [newOutput(gpu, [a.total]), newOutput(gpu, [a.total])];
  grouped(gpu, sizes, a.offsets, {
    key: 'lamb_a',
    fixed: [
      { name: 'S', tensor: s as tf.TensorInfo, write: true },
      { name: 'U', tensor: u, write: true },
      { name: 'W', tensor: w, write: true },
    ],
    perMember: member(ps, gs),
    fields: 'total : i32, beta1 : f32, beta2 : f32, eps : f32,',
    values: [...i32(a.total), ...f32(a.beta1, a.beta2, a.eps)],
    memberFields: (i) => `bc1${i} : f32, rootBc2${i} : f32, wd${i} : f32,`,
    memberValues: (k) => {
      const step = a.steps[k] as number;
      return f32(1 - a.beta1 ** step, Math.sqrt(1 - a.beta2 ** step), a.weightDecays[k] as number);
    },
    update: (i) => `let dj = G${i}[j];
    let mj = uniforms.off${i} + j;
    let vj = uniforms.total + mj;
    let m = uniforms.beta1 * S[mj] + (1.0 - uniforms.beta1) * dj;
    let v = uniforms.beta2 * S[vj] + (1.0 - uniforms.beta2) * dj * dj;
    S[mj] = m;
    S[vj] = v;
    U[mj] = m / uniforms.bc1${i} / (sqrt(v) / uniforms.rootBc2${i} + uniforms.eps) + P${i}[j] * uniforms.wd${i};
    W[mj] = P${i}[j];`,
  });
  const norms = segmentedSquares(gpu, [w, u], a.offsets, sizes);
  grouped(gpu, sizes, a.offsets, {
    key: 'lamb_c',
    fixed: [
      { name: 'U', tensor: u, write: false },
      { name: 'N', tensor: norms, write: false },
    ],
    perMember: member(ps, null),
    fields: '',
    values: [],
    memberFields: (i) => `lr${i} : f32, wd${i} : f32,`,
    memberValues: (k) => f32(a.lrs[k] as number, a.weightDecays[k] as number),
    update: (i) => `let ws = N[2 * uniforms.seg${i}];
    let us = N[2 * uniforms.seg${i} + 1];
    let r = select(1.0, sqrt(ws) / sqrt(us), uniforms.wd${i} != 0.0 && ws > 0.0 && us > 0.0);
    P${i}[j] = P${i}[j] - U[uniforms.off${i} + j] * r * uniforms.lr${i};`,
  });
  for (const t of [u, w, norms]) gpu.disposeData(t.dataId);
  return outs();
}

function multiLars(args: KernelArgs): tf.TensorInfo[] {
  const gpu = webGpuInternals(args.backend);
  if (!gpu) throw new Error(`${MULTI_LARS_KERNEL} needs tfjs-backend-webgpu 4.x internals`);
  const a = attrsOf<MultiLarsAttrs>(args);
  const n = a.offsets.length;
  const { ps, gs, s, outs } = operands(gpu, args, n, a.momentum !== 0);
  const sizes = ps.map(size);
  // The scratch buffers' layout: every parameter in order (without momentum there is no state
  // layout, and a.offsets are all 0).
  const offsets = sizes.map((_, k) => sizes.slice(0, k).reduce((x, y) => x + y, 0));
  const total = sizes.reduce((x, y) => x + y, 0);
  const [w, g] = [newOutput(gpu, [total]), newOutput(gpu, [total])];
  grouped(gpu, sizes, offsets, {
    key: 'lars_a',
    fixed: [
      { name: 'W', tensor: w, write: true },
      { name: 'GF', tensor: g, write: true },
    ],
    perMember: member(ps, gs),
    fields: '',
    values: [],
    memberFields: () => '',
    memberValues: () => [],
    update: (i) => `W[uniforms.off${i} + j] = P${i}[j];
    GF[uniforms.off${i} + j] = G${i}[j];`,
  });
  const norms = segmentedSquares(gpu, [w, g], offsets, sizes);
  grouped(gpu, sizes, offsets, {
    key: `lars_c_${s ? 'momentum' : 'plain'}`,
    fixed: [
      ...(s ? [{ name: 'S', tensor: s, write: true }] : []),
      { name: 'N', tensor: norms, write: false },
    ],
    perMember: (k, i) => [
      { name: `P${i}`, tensor: ps[k] as tf.TensorInfo, write: true },
      { name: `G${i}`, tensor: gs[k] as tf.TensorInfo, write: false },
    ],
    fields: 'eta : f32, eps : f32, mom : f32,',
    values: f32(a.trustCoeff, a.eps, a.momentum),
    memberFields: (i) => `lr${i} : f32, wd${i} : f32, boff${i} : i32,`,
    memberValues: (k) => [
      ...f32(a.lrs[k] as number, a.weightDecays[k] as number),
      ...i32(a.offsets[k] as number),
    ],
    update: (i) => `let pj = P${i}[j];
    let wn = sqrt(N[2 * uniforms.seg${i}]);
    let gn = sqrt(N[2 * uniforms.seg${i} + 1]);
    let ratio = wn * uniforms.eta / (gn + wn * uniforms.wd${i} + uniforms.eps);
    let r = select(1.0, ratio, uniforms.wd${i} != 0.0 && wn > 0.0 && gn > 0.0);
    var dj = (G${i}[j] + pj * uniforms.wd${i}) * r;
    ${s ? `let bj = uniforms.boff${i} + j;\n    dj = uniforms.mom * S[bj] + dj;\n    S[bj] = dj;` : ''}
    P${i}[j] = pj - dj * uniforms.lr${i};`,
  });
  for (const t of [w, g, norms]) gpu.disposeData(t.dataId);
  return outs();
}

/** Registers both kernels for the WebGPU backend (idempotent; the backend itself need not be loaded). */
export const registerWebGpuMultiTrust = (): void =>
  registerWebGpuKernels([
    [MULTI_LAMB_KERNEL, multiLamb],
    [MULTI_LARS_KERNEL, multiLars],
  ]);
