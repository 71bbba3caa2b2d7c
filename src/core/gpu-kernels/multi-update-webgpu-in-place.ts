/**
 * The WebGPU multi-tensor optimizer updates written in place: one dispatch per group of k
 * parameters reads their gradients, updates their segments of the flat state and writes their
 * new weights into their own buffers (webgpu-dispatch.ts records it). A shader stage binds
 * maxStorageBuffersPerShaderStage buffers (8: tfjs asks for no more): the state, then a
 * parameter (read_write) and its gradient (read) per member, so k = 3 with state (AdamW, SGD
 * with momentum) and 4 without (plain SGD): AdamW on the ViT's 56 parameters is 19 dispatches.
 *
 * Why in place is safe here (multi-update-webgpu.ts checks it first, else its tfjs programs run):
 * every written tensor is held by one tensor only (the optimizer's variable: refCount 1, so no
 * reshape or clone sees the change), no buffer is bound twice, a written buffer's host copy is
 * dropped (webgpu-dispatch.ts), and the kernel's outputs are those same tensors with one more
 * reference (reshape's way), so `variable.assign(output)` keeps them. The arithmetic is the
 * tfjs-program path's, expression for expression (f32).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { f32, i32 } from './webgpu-program';
import type { Uniform } from '../backend-view';
import type { MultiAdamWAttrs, MultiSgdAttrs } from '../cpu-kernels/multi-update';
import { dispatch, storageBindings, type Binding, type WebGpuInternals } from './webgpu-dispatch';
import { alias } from './webgpu-in-place';

const size = (t: tf.TensorInfo): number => t.shape.reduce((a, b) => a * b, 1);

/** One group's update: `update(i)` is member i's WGSL for local index j (its P{i}, G{i}, uniforms). */
interface Group {
  key: string;
  fields: (i: number) => string;
  values: (k: number) => Uniform[];
  update: (i: number) => string;
}

/**
 * Runs `g` over the parameters `ps` (gradients `gs`), `per` to a dispatch, with the flat state
 * `s` (null: none) bound first; returns the outputs [p0'..p(n-1)'(, s')], aliases of the inputs.
 */
function inGroups(
  gpu: WebGpuInternals,
  ps: tf.TensorInfo[],
  gs: tf.TensorInfo[],
  s: tf.TensorInfo | null,
  offsets: number[],
  common: { fields: string; values: Uniform[] },
  g: Group,
): tf.TensorInfo[] {
  const per = Math.min(8, Math.floor((storageBindings(gpu) - (s ? 1 : 0)) / 2));
  for (let start = 0; start < ps.length; start += per) {
    const members = ps.slice(start, start + per).map((_, i) => start + i);
    const bindings: Binding[] = [
      ...(s ? [{ name: 'S', tensor: s, write: true }] : []),
      ...members.flatMap((k, i) => [
        { name: `P${i}`, tensor: ps[k] as tf.TensorInfo, write: true },
        { name: `G${i}`, tensor: gs[k] as tf.TensorInfo, write: false },
      ]),
    ];
    const branches = members
      .map(
        (_, i) => `if (j < uniforms.n${i}) {
    ${g.update(i)}
    return;
  }
  j = j - uniforms.n${i};`,
      )
      .join('\n  ');
    dispatch(gpu, {
      key: `${g.key}_${members.length}`,
      bindings,
      uniformFields: `${common.fields} ${members.map((_, i) => `n${i} : i32, off${i} : i32, ${g.fields(i)}`).join(' ')}`,
      uniforms: [
        ...common.values,
        ...members.flatMap((k) => [
          ...i32(size(ps[k] as tf.TensorInfo), offsets[k] as number),
          ...g.values(k),
        ]),
      ],
      count: members.reduce((n, k) => n + size(ps[k] as tf.TensorInfo), 0),
      body: `var j = index;\n  ${branches}`,
    });
  }
  return [...ps, ...(s ? [s] : [])].map((t) => alias(gpu, t));
}

/** AdamW (s = [m | v]) in place: ceil(n / 3) dispatches. */
export function adamWInPlace(
  gpu: WebGpuInternals,
  a: MultiAdamWAttrs,
  ps: tf.TensorInfo[],
  gs: tf.TensorInfo[],
  s: tf.TensorInfo,
): tf.TensorInfo[] {
  const values = (k: number): Uniform[] => {
    const lr = a.lrs[k] as number;
    const step = a.steps[k] as number;
    return f32(
      1 - lr * (a.weightDecays[k] as number),
      lr / (1 - a.beta1 ** step),
      Math.sqrt(1 - a.beta2 ** step),
    );
  };
  return inGroups(
    gpu,
    ps,
    gs,
    s,
    a.offsets,
    {
      fields: 'total : i32, beta1 : f32, beta2 : f32, eps : f32,',
      values: [...i32(a.total), ...f32(a.beta1, a.beta2, a.eps)],
    },
    {
      key: 'adamw_in_place',
      fields: (i) => `decay${i} : f32, stepSize${i} : f32, rootBc2${i} : f32,`,
      values,
      update: (i) => `let dj = G${i}[j];
    let mj = uniforms.off${i} + j;
    let vj = uniforms.total + mj;
    let m = uniforms.beta1 * S[mj] + (1.0 - uniforms.beta1) * dj;
    let v = uniforms.beta2 * S[vj] + (1.0 - uniforms.beta2) * dj * dj;
    S[mj] = m;
    S[vj] = v;
    P${i}[j] = P${i}[j] * uniforms.decay${i} - uniforms.stepSize${i} * m / (sqrt(v) / uniforms.rootBc2${i} + uniforms.eps);`,
    },
  );
}

/** SGD (s = buf with momentum, null without) in place: ceil(n / 3) dispatches, ceil(n / 4) without momentum. */
export function sgdInPlace(
  gpu: WebGpuInternals,
  a: MultiSgdAttrs,
  ps: tf.TensorInfo[],
  gs: tf.TensorInfo[],
  s: tf.TensorInfo | null,
): tf.TensorInfo[] {
  const step = (i: number): string => {
    const d = `G${i}[j] + uniforms.wd${i} * pj`;
    if (!s) return `P${i}[j] = pj - uniforms.lr${i} * (${d});`;
    const next = a.nesterov
      ? `pj - uniforms.lr${i} * (${d} + uniforms.mom * b)`
      : `pj - uniforms.lr${i} * b`;
    return `let bj = uniforms.off${i} + j;
    let b = uniforms.mom * S[bj] + (${d});
    S[bj] = b;
    P${i}[j] = ${next};`;
  };
  return inGroups(
    gpu,
    ps,
    gs,
    s,
    a.offsets,
    { fields: 'mom : f32,', values: f32(a.momentum) },
    {
      key: `sgd_in_place_${s ? (a.nesterov ? 'nesterov' : 'momentum') : 'plain'}`,
      fields: (i) => `lr${i} : f32, wd${i} : f32,`,
      values: (k) => f32(a.lrs[k] as number, a.weightDecays[k] as number),
      update: (i) => `let pj = P${i}[j];
    ${step(i)}`,
    },
  );
}
