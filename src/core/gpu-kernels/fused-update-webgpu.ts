/**
 * The fused optimizer updates (cpu-kernels/fused-update.ts) for tfjs's WebGPU backend: the same
 * kernel names and attributes, so optim/adamw.ts and optim/sgd.ts take them where tfjs's registry
 * has them for the active backend (`hasKernel`, kernel-call.ts) with no change.
 *
 * Why: the generic AdamW update is about twelve elementwise kernels per parameter, each its own
 * dispatch; over the micro ViT's ~60 parameters that is ~700 of a step's 2,275 kernels. A tfjs
 * WebGPU program writes one output, so each new tensor gets one small WGSL program: AdamW is
 * 3 dispatches per parameter (m', v', then p' from them), SGD with momentum 2, plain SGD 1.
 * Scalars (rates, bias corrections) go in as uniforms: one shader per program for the whole
 * run, whatever the step. Arithmetic in f32, as the generic ops do on the GPU.
 *
 * The programs follow tfjs-backend-webgpu's program interface (WebGPUProgram): a flat dispatch
 * layout over the output, `main(index)` bodies, getters generated from `variableNames`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { f32, flatProgram, registerWebGpuKernels, runProgram } from './webgpu-program';
import { attrsOf, inputsOf, type KernelArgs } from '../kernel-call';
import {
  ADAMW_KERNEL,
  SGD_KERNEL,
  type AdamWUpdateAttrs,
  type SgdUpdateAttrs,
} from '../cpu-kernels/fused-update';

/**
 * One elementwise program over `shape`: `body` computes `value` from `in<Name>`, each input's
 * element at `index` (`size: true`: tfjs declares and fills the `size` uniform itself).
 */
function program(
  key: string,
  inputs: string[],
  uniforms: string,
  body: string,
  shape: number[],
): object {
  const main = `
        if (index < uniforms.size) {
          ${inputs.map((n) => `let in${n} = get${n}ByOutputIndex(index);`).join('\n          ')}
          ${body}
          setOutputAtIndex(index, value);
        }`;
  return {
    ...flatProgram(key, inputs, uniforms, shape, tf.util.sizeFromShape(shape), main),
    size: true,
  };
}

/** p, g, m, v -> [p', m', v'] (torch.optim.AdamW). */
function adamw(args: KernelArgs): tf.TensorInfo[] {
  const a = attrsOf<AdamWUpdateAttrs>(args);
  const { p, g, m, v } = inputsOf(args, 'p', 'g', 'm', 'v');
  const shape = p.shape;
  const m2 = runProgram(
    args.backend,
    program(
      'adamw_m',
      ['G', 'M'],
      'beta1 : f32,',
      'let value = uniforms.beta1 * inM + (1.0 - uniforms.beta1) * inG;',
      shape,
    ),
    [g, m],
    f32(a.beta1),
  );
  const v2 = runProgram(
    args.backend,
    program(
      'adamw_v',
      ['G', 'V'],
      'beta2 : f32,',
      'let value = uniforms.beta2 * inV + (1.0 - uniforms.beta2) * inG * inG;',
      shape,
    ),
    [g, v],
    f32(a.beta2),
  );
  const p2 = runProgram(
    args.backend,
    program(
      'adamw_p',
      ['P', 'M', 'V'],
      'decay : f32, stepSize : f32, rootBc2 : f32, eps : f32,',
      'let value = inP * uniforms.decay - uniforms.stepSize * inM / (sqrt(inV) / uniforms.rootBc2 + uniforms.eps);',
      shape,
    ),
    [p, m2, v2],
    f32(
      1 - a.lr * a.weightDecay,
      a.lr / (1 - a.beta1 ** a.step),
      Math.sqrt(1 - a.beta2 ** a.step),
      a.eps,
    ),
  );
  return [p2, m2, v2];
}

/** p, g[, buf] -> buf' = d (first step) or momentum * buf + d, with d = g + wd * p (SGD with momentum). */
function sgdBuffer(args: KernelArgs, a: SgdUpdateAttrs): tf.TensorInfo {
  const { p, g } = inputsOf(args, 'p', 'g');
  const buf = args.inputs.buf;
  const shape = p.shape;
  const first = a.first || !buf;
  return first
    ? runProgram(
        args.backend,
        program('sgd_buf0', ['P', 'G'], 'wd : f32,', 'let value = inG + uniforms.wd * inP;', shape),
        [p, g],
        f32(a.weightDecay),
      )
    : runProgram(
        args.backend,
        program(
          'sgd_buf',
          ['P', 'G', 'B'],
          'wd : f32, mom : f32,',
          'let value = uniforms.mom * inB + inG + uniforms.wd * inP;',
          shape,
        ),
        [p, g, buf!],
        f32(a.weightDecay, a.momentum),
      );
}

/** p, g[, buf] -> [p'] or [p', buf'] (torch.optim.SGD, dampening 0). */
function sgd(args: KernelArgs): tf.TensorInfo[] {
  const a = attrsOf<SgdUpdateAttrs>(args);
  const { p, g } = inputsOf(args, 'p', 'g');
  const shape = p.shape;
  if (a.momentum === 0) {
    const p2 = runProgram(
      args.backend,
      program(
        'sgd_p',
        ['P', 'G'],
        'lr : f32, wd : f32,',
        'let value = inP - uniforms.lr * (inG + uniforms.wd * inP);',
        shape,
      ),
      [p, g],
      f32(a.lr, a.weightDecay),
    );
    return [p2];
  }
  const buf2 = sgdBuffer(args, a);
  // p' = p - lr * (nesterov ? d + momentum * buf' : buf').
  const p2 = a.nesterov
    ? runProgram(
        args.backend,
        program(
          'sgd_pn',
          ['P', 'G', 'B'],
          'lr : f32, wd : f32, mom : f32,',
          'let value = inP - uniforms.lr * (inG + uniforms.wd * inP + uniforms.mom * inB);',
          shape,
        ),
        [p, g, buf2],
        f32(a.lr, a.weightDecay, a.momentum),
      )
    : runProgram(
        args.backend,
        program('sgd_pm', ['P', 'B'], 'lr : f32,', 'let value = inP - uniforms.lr * inB;', shape),
        [p, buf2],
        f32(a.lr),
      );
  return [p2, buf2];
}

/** Registers both kernels for the WebGPU backend (idempotent; the backend itself need not be loaded). */
export const registerWebGpuFusedUpdates = (): void =>
  registerWebGpuKernels([
    [ADAMW_KERNEL, adamw],
    [SGD_KERNEL, sgd],
  ]);
