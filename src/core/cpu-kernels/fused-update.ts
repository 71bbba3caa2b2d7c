/**
 * Fused optimizer updates for tfjs's CPU backend: one kernel per parameter instead of ten or so.
 *
 * Why: the generic AdamW update (optim/adamw.ts) is about twelve elementwise kernels per
 * parameter (decay, two moment updates, square, root, bias corrections, divide, subtract), each
 * allocating its output; over the micro ViT's ~60 parameters that is ~700 of a step's ~2,300
 * kernels. Here one pass over the parameter's elements computes the new weights and state, in
 * float64, rounded once to float32 (torch.optim's arithmetic, with fewer roundings). The same
 * formulas as the generic path, which GPU backends keep; tests hold the two equal.
 */
import * as tf from '@tensorflow/tfjs-core';
import { attrsOf, inputsOf, type KernelArgs, registerKernels } from '../kernel-call';
import { JS_KERNEL_BACKENDS } from './js-kernel';
import { cpuView, wasmView } from '../backend-view';

/**
 * The same kernels serve tfjs-backend-wasm: inputs are read through views of its heap (all of
 * them before any output is allocated, since a growing heap detaches old views), outputs are
 * copied in. There the generic update was ~14 kernels per parameter, a tenth of a ResNet step.
 */
const valuesOf = (b: unknown, t: tf.TensorInfo): Float32Array =>
  wasmView(b)?.typedArrayFromHeap(t) ?? cpuView(b).data.get(t.dataId).values;
const output = (b: unknown, shape: number[], values: Float32Array): tf.TensorInfo => {
  const wasm = wasmView(b);
  return wasm
    ? wasm.makeOutput(shape, 'float32', undefined, values)
    : cpuView(b).makeTensorInfo(shape, 'float32', values);
};

export const ADAMW_KERNEL = 'FtpAdamWUpdate';
export const SGD_KERNEL = 'FtpSgdUpdate';

export interface AdamWUpdateAttrs {
  lr: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** This parameter's step count (1 on its first update): bias corrections 1 - beta^t. */
  step: number;
}

export interface SgdUpdateAttrs {
  lr: number;
  weightDecay: number;
  momentum: number;
  nesterov: boolean;
  /** No momentum buffer yet: torch starts it as a copy of the (decayed) gradient. */
  first: boolean;
}

/** p, g, m, v -> [p', m', v'] (torch.optim.AdamW). */
function adamw(args: KernelArgs): tf.TensorInfo[] {
  const b = args.backend;
  const a = attrsOf<AdamWUpdateAttrs>(args);
  const { p, g, m, v } = inputsOf(args, 'p', 'g', 'm', 'v');
  const pv = valuesOf(b, p);
  const gv = valuesOf(b, g);
  const mv = valuesOf(b, m);
  const vv = valuesOf(b, v);
  const n = pv.length;
  const p2 = new Float32Array(n);
  const m2 = new Float32Array(n);
  const v2 = new Float32Array(n);
  const decay = 1 - a.lr * a.weightDecay;
  const stepSize = a.lr / (1 - a.beta1 ** a.step);
  const rootBc2 = Math.sqrt(1 - a.beta2 ** a.step);
  const { beta1, beta2, eps } = a;
  for (let i = 0; i < n; i++) {
    const gi = gv[i] as number;
    const mi = beta1 * (mv[i] as number) + (1 - beta1) * gi;
    const vi = beta2 * (vv[i] as number) + (1 - beta2) * gi * gi;
    m2[i] = mi;
    v2[i] = vi;
    p2[i] = (pv[i] as number) * decay - (stepSize * mi) / (Math.sqrt(vi) / rootBc2 + eps);
  }
  return [output(b, p.shape, p2), output(b, p.shape, m2), output(b, p.shape, v2)];
}

/** p, g[, buf] -> [p'] or [p', buf'] (torch.optim.SGD, dampening 0). */
function sgd(args: KernelArgs): tf.TensorInfo[] {
  const b = args.backend;
  const a = attrsOf<SgdUpdateAttrs>(args);
  const { p, g } = inputsOf(args, 'p', 'g');
  const buf = args.inputs.buf;
  const pv = valuesOf(b, p);
  const gv = valuesOf(b, g);
  const bv = buf ? valuesOf(b, buf) : null;
  const n = pv.length;
  const p2 = new Float32Array(n);
  const useMomentum = a.momentum !== 0;
  const b2 = useMomentum ? new Float32Array(n) : null;
  for (let i = 0; i < n; i++) {
    const pi = pv[i] as number;
    let d = (gv[i] as number) + a.weightDecay * pi;
    if (b2) {
      const bi = a.first || !bv ? d : a.momentum * (bv[i] as number) + d;
      b2[i] = bi;
      d = a.nesterov ? d + a.momentum * bi : bi;
    }
    p2[i] = pi - a.lr * d;
  }
  const out = [output(b, p.shape, p2)];
  if (b2) out.push(output(b, p.shape, b2));
  return out;
}

/** Registers both kernels for the CPU backend and tfjs-backend-wasm (idempotent). */
export function registerCpuFusedUpdates(): void {
  registerKernels(JS_KERNEL_BACKENDS, [
    [ADAMW_KERNEL, adamw],
    [SGD_KERNEL, sgd],
  ]);
}
