/**
 * The multi-tensor optimizer updates (cpu-kernels/multi-update.ts: same kernel names, inputs and
 * attributes) for tfjs's WebGPU backend, over the flat state of optim/flat-state.ts.
 *
 * Usually in place (multi-update-webgpu-in-place.ts): one dispatch per 3 parameters (4 for plain
 * SGD) updates their state segments and writes their weights into their own buffers, where each
 * parameter stays its own variable (the forward reads it as such). AdamW on the ViT's 56
 * parameters: 19 dispatches (per tensor, fused: 168).
 *
 * Otherwise (a written tensor shared with another, or a tfjs without the internals that
 * webgpu-dispatch.ts uses) tfjs programs, each writing one new output: gather the gradients into
 * one flat [total] buffer, 6 per program (SGD: d = g + wd p, 3 parameter/gradient pairs per
 * program); ONE program for the whole state (AdamW: m' and v'; SGD: buf'); then one program per
 * parameter for its new weights, reading its segment of the new state: AdamW ceil(n / 6) + 1 + n
 * dispatches, SGD with momentum ceil(n / 3) + 1 + n, plain SGD n. Rates and bias corrections
 * are uniforms: one shader per program and shape for the whole run. Arithmetic in f32, the
 * per-tensor programs' formulas.
 */
import * as tf from '@tensorflow/tfjs-core';
import { f32, i32, registerWebGpuKernels } from './webgpu-program';
import { webGpuView, type Uniform } from '../backend-view';
import { attrsOf, inputsOf, type KernelArgs } from '../kernel-call';
import {
  MULTI_ADAMW_KERNEL,
  MULTI_SGD_KERNEL,
  type MultiAdamWAttrs,
  type MultiSgdAttrs,
} from '../cpu-kernels/multi-update';
import { gather, paramProgram, size, stateProgram } from './multi-update-webgpu-programs';
import { adamWInPlace, sgdInPlace } from './multi-update-webgpu-in-place';
import { webGpuInternals } from './webgpu-dispatch';
import { canWriteInPlace } from './webgpu-in-place';

/** The inputs `prefix`0 .. `prefix`(n-1). */
const inputList = (args: KernelArgs, n: number, prefix: string): tf.TensorInfo[] =>
  Object.values(inputsOf(args, ...Array.from({ length: n }, (_, i) => `${prefix}${i}`)));

/** p0..p(n-1), g0..g(n-1), s = [m | v] -> [p0'..p(n-1)', s']: ceil(n / 6) + 1 + n dispatches. */
function multiAdamW(args: KernelArgs): tf.TensorInfo[] {
  const a = attrsOf<MultiAdamWAttrs>(args);
  const n = a.offsets.length;
  const ps = inputList(args, n, 'p');
  const gs = inputList(args, n, 'g');
  const { s } = inputsOf(args, 's');
  const gpu = webGpuInternals(args.backend);
  if (gpu && canWriteInPlace(gpu, [...ps, s], [...ps, ...gs, s]))
    return adamWInPlace(gpu, a, ps, gs, s);
  const g = gather(args.backend, ps, gs, [], false);
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
  const s = a.momentum !== 0 ? inputsOf(args, 's').s : null;
  const gpu = webGpuInternals(args.backend);
  const written = s ? [...ps, s] : ps;
  if (gpu && canWriteInPlace(gpu, written, [...written, ...gs]))
    return sgdInPlace(gpu, a, ps, gs, s);
  if (!s) {
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
