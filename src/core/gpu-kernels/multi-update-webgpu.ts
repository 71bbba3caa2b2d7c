/**
 * The multi-tensor optimizer updates (cpu-kernels/multi-update.ts: same kernel names, inputs and
 * attributes) for tfjs's WebGPU backend, over the flat state of optim/flat-state.ts.
 *
 * Why not one dispatch: a tfjs WebGPU program writes one output and a shader stage binds 8
 * storage buffers by default, while each parameter is its own variable (the forward reads it
 * as such). So a step is: gather the gradients into one flat [total] buffer, 6 per program
 * (SGD: d = g + wd p, 3 parameter/gradient pairs per program); ONE program for the whole state
 * (AdamW: m' and v'; SGD: buf'); then one program per parameter for its new weights, reading
 * its segment of the new state. AdamW: ceil(n / 6) + 1 + n dispatches where the per-tensor fused
 * update took 3n (the ViT's 56 parameters: 67 against 168); SGD with momentum ceil(n / 3) + 1 + n
 * against 2n; plain SGD n, as before. Rates and bias corrections are uniforms: one shader per
 * program and shape for the whole run. Arithmetic in f32, the per-tensor programs' formulas.
 */
import * as tf from '@tensorflow/tfjs-core';
import { f32, flatProgram, i32, registerWebGpuKernels, runProgram } from './webgpu-program';
import { webGpuView, type Uniform } from '../backend-view';
import { attrsOf, inputsOf, type KernelArgs } from '../kernel-call';
import {
  MULTI_ADAMW_KERNEL,
  MULTI_SGD_KERNEL,
  type MultiAdamWAttrs,
  type MultiSgdAttrs,
} from '../cpu-kernels/multi-update';

/** Gradients per gather program: the output and the earlier values take 2 of the 8 bindings. */
const GATHER = 6;
/** Parameter/gradient pairs per SGD gather program. */
const GATHER_PAIRS = 3;

const size = (t: tf.TensorInfo): number => tf.util.sizeFromShape(t.shape);

/**
 * [prev (m) | term(0) | term(1) ...]: prev (when given) then each item's elements, where an
 * item is a gradient G (term G[j]) or, `withDecay`, a pair (P, G) (term G[j] + wd * P[j]).
 */
function gatherOnce(
  backend: unknown,
  prev: tf.TensorInfo | null,
  ps: tf.TensorInfo[],
  gs: tf.TensorInfo[],
  wds: number[],
  withDecay: boolean,
): tf.TensorInfo {
  const k = gs.length;
  const m = prev ? size(prev) : 0;
  const sizes = gs.map(size);
  const total = m + sizes.reduce((a, b) => a + b, 0);
  const names = gs.flatMap((_, i) => (withDecay ? [`P${i}`, `G${i}`] : [`G${i}`]));
  const branches = gs
    .map((_, i) => {
      const term = withDecay ? `G${i}[j] + uniforms.wd${i} * P${i}[j]` : `G${i}[j]`;
      return `if (j < uniforms.n${i}) { setOutputAtIndex(index, ${term}); return; }\n          j = j - uniforms.n${i};`;
    })
    .join('\n          ');
  const main = `
        if (index >= uniforms.total) { return; }
        var j = index;
        ${prev ? 'if (j < uniforms.m) { setOutputAtIndex(index, Prev[j]); return; }' : ''}
        j = j - uniforms.m;
        ${branches}`;
  const uniforms = `total : i32, m : i32, ${sizes.map((_, i) => `n${i} : i32,`).join(' ')} ${withDecay ? wds.map((_, i) => `wd${i} : f32,`).join(' ') : ''}`;
  const program = flatProgram(
    `multi_gather_${withDecay ? 'd' : 'g'}${k}_${prev ? 'p' : 'n'}`,
    [...(prev ? ['Prev'] : []), ...names],
    uniforms,
    [total],
    total,
    main,
  );
  const inputs = [
    ...(prev ? [prev] : []),
    ...gs.flatMap((g, i) => (withDecay ? [ps[i] as tf.TensorInfo, g] : [g])),
  ];
  return runProgram(backend, program, inputs, [
    ...i32(total, m, ...sizes),
    ...(withDecay ? f32(...wds) : []),
  ]);
}

/** Every gradient (or d = g + wd p) in one flat [total] buffer, ceil(n / per) programs; the partial buffers are freed. */
function gather(
  backend: unknown,
  ps: tf.TensorInfo[],
  gs: tf.TensorInfo[],
  wds: number[],
  withDecay: boolean,
): tf.TensorInfo {
  const per = withDecay ? GATHER_PAIRS : GATHER;
  let out: tf.TensorInfo | null = null;
  for (let i = 0; i < gs.length; i += per) {
    const next = gatherOnce(
      backend,
      out,
      ps.slice(i, i + per),
      gs.slice(i, i + per),
      wds.slice(i, i + per),
      withDecay,
    );
    if (out) webGpuView(backend).disposeData(out.dataId);
    out = next;
  }
  return out as tf.TensorInfo;
}

/** One program over the flat state: `body` sets `value` from the state and the gathered D (index < total). */
function stateProgram(
  backend: unknown,
  key: string,
  d: tf.TensorInfo,
  s: tf.TensorInfo,
  total: number,
  uniforms: string,
  body: string,
  values: number[],
): tf.TensorInfo {
  const main = `
        if (index < uniforms.total) {
          let dj = D[index];
          ${body}
        }`;
  return runProgram(
    backend,
    flatProgram(
      `multi_state_${key}`,
      ['D', 'S'],
      `total : i32, ${uniforms}`,
      [size(s)],
      total,
      main,
    ),
    [d, s],
    [...i32(total), ...f32(...values)],
  );
}

/** One parameter's new weights: `value` from P[index], its state segment at `off` and, optionally, its gradient G. */
function paramProgram(
  backend: unknown,
  key: string,
  inputs: tf.TensorInfo[],
  names: string[],
  uniforms: string,
  value: string,
  values: Uniform[],
): tf.TensorInfo {
  const p = inputs[0] as tf.TensorInfo;
  const main = `
        if (index < uniforms.n) {
          let pj = P[index];
          setOutputAtIndex(index, ${value});
        }`;
  return runProgram(
    backend,
    flatProgram(
      `multi_param_${key}`,
      names,
      `n : i32, off : i32, total : i32, ${uniforms}`,
      p.shape,
      size(p),
      main,
    ),
    inputs,
    values,
  );
}
/** The inputs `prefix`0 .. `prefix`(n-1). */
const inputList = (args: KernelArgs, n: number, prefix: string): tf.TensorInfo[] =>
  Object.values(inputsOf(args, ...Array.from({ length: n }, (_, i) => `${prefix}${i}`)));

/** p0..p(n-1), g0..g(n-1), s = [m | v] -> [p0'..p(n-1)', s']: ceil(n / 6) + 1 + n dispatches. */
function multiAdamW(args: KernelArgs): tf.TensorInfo[] {
  const a = attrsOf<MultiAdamWAttrs>(args);
  const n = a.offsets.length;
  const ps = inputList(args, n, 'p');
  const g = gather(args.backend, ps, inputList(args, n, 'g'), [], false);
  const { s } = inputsOf(args, 's');
  const body = `setOutputAtIndex(index, uniforms.beta1 * S[index] + (1.0 - uniforms.beta1) * dj);
          setOutputAtIndex(index + uniforms.total, uniforms.beta2 * S[index + uniforms.total] + (1.0 - uniforms.beta2) * dj * dj);`;
  const s2 = stateProgram(args.backend, 'adamw', g, s, a.total, 'beta1 : f32, beta2 : f32,', body, [
    a.beta1,
    a.beta2,
  ]);
  webGpuView(args.backend).disposeData(g.dataId);
  const value =
    'pj * uniforms.decay - uniforms.stepSize * S[uniforms.off + index] / (sqrt(S[uniforms.total + uniforms.off + index]) / uniforms.rootBc2 + uniforms.eps)';
  const p2 = ps.map((p, k) => {
    const lr = a.lrs[k] as number;
    const step = a.steps[k] as number;
    const u = [
      ...i32(size(p), a.offsets[k] as number, a.total),
      ...f32(
        1 - lr * (a.weightDecays[k] as number),
        lr / (1 - a.beta1 ** step),
        Math.sqrt(1 - a.beta2 ** step),
        a.eps,
      ),
    ];
    return paramProgram(
      args.backend,
      'adamw',
      [p, s2],
      ['P', 'S'],
      'decay : f32, stepSize : f32, rootBc2 : f32, eps : f32,',
      value,
      u,
    );
  });
  return [...p2, s2];
}

/** p0..p(n-1), g0..g(n-1)[, s = buf] -> [p0'..p(n-1)'[, s']] (torch.optim.SGD, dampening 0). */
function multiSgd(args: KernelArgs): tf.TensorInfo[] {
  const a = attrsOf<MultiSgdAttrs>(args);
  const n = a.offsets.length;
  const ps = inputList(args, n, 'p');
  const gs = inputList(args, n, 'g');
  const common = (k: number): Uniform[] => [
    ...i32(size(ps[k] as tf.TensorInfo), a.offsets[k] as number, a.total),
    ...f32(a.lrs[k] as number, a.weightDecays[k] as number, a.momentum),
  ];
  const uniforms = 'lr : f32, wd : f32, mom : f32,';
  if (a.momentum === 0) {
    return ps.map((p, k) =>
      paramProgram(
        args.backend,
        'sgd',
        [p, gs[k] as tf.TensorInfo],
        ['P', 'G'],
        uniforms,
        'pj - uniforms.lr * (G[index] + uniforms.wd * pj)',
        common(k),
      ),
    );
  }
  // buf' = momentum * buf + d over the flat state (a zero buffer on a segment's first step gives torch's buf = d).
  const d = gather(args.backend, ps, gs, a.weightDecays, true);
  const { s } = inputsOf(args, 's');
  const b2 = stateProgram(
    args.backend,
    'sgd',
    d,
    s,
    a.total,
    'mom : f32,',
    'setOutputAtIndex(index, uniforms.mom * S[index] + dj);',
    [a.momentum],
  );
  webGpuView(args.backend).disposeData(d.dataId);
  const p2 = ps.map((p, k) =>
    a.nesterov
      ? paramProgram(
          args.backend,
          'sgd_nesterov',
          [p, gs[k] as tf.TensorInfo, b2],
          ['P', 'G', 'S'],
          uniforms,
          'pj - uniforms.lr * (G[index] + uniforms.wd * pj + uniforms.mom * S[uniforms.off + index])',
          common(k),
        )
      : paramProgram(
          args.backend,
          'sgd_momentum',
          [p, b2],
          ['P', 'S'],
          uniforms,
          'pj - uniforms.lr * S[uniforms.off + index]',
          common(k),
        ),
  );
  return [...p2, b2];
}

/** Registers both kernels for the WebGPU backend (idempotent; the backend itself need not be loaded). */
export const registerWebGpuMultiUpdates = (): void =>
  registerWebGpuKernels([
    [MULTI_ADAMW_KERNEL, multiAdamW],
    [MULTI_SGD_KERNEL, multiSgd],
  ]);
