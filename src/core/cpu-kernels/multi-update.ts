/**
 * Multi-tensor optimizer updates for tfjs's CPU backend and tfjs-backend-wasm: every parameter
 * of a step in ONE kernel, over the flat state of optim/flat-state.ts, instead of one kernel per
 * parameter (cpu-kernels/fused-update.ts).
 *
 * Inputs: p0..p(n-1), g0..g(n-1) (each parameter and its gradient, in segment order) and s, the
 * flat state [slots * total]. Outputs: p0'..p(n-1)', then s'. Per segment i (attrs, arrays of
 * n): its offset in a slot's run, its rate (lr x the parameter's scale), its weight decay and
 * (AdamW) its step count. Arithmetic in float64, rounded once to float32, as the per-tensor
 * fused kernels do: the two agree to the last bit (tests/unit/core/multi-update.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { attrsOf, type KernelArgs, registerKernels } from '../kernel-call';
import { jsKernel, JS_KERNEL_BACKENDS } from './js-kernel';

export const MULTI_ADAMW_KERNEL = 'FtpMultiAdamW';
export const MULTI_SGD_KERNEL = 'FtpMultiSgd';

/** What both multi-tensor kernels take per segment. */
export interface MultiSegmentAttrs {
  /** Each segment's offset within a slot's run. */
  offsets: number[];
  /** Each segment's rate: the step's lr times its parameter's lrScale. */
  lrs: number[];
  weightDecays: number[];
  /** Elements per slot run (the sum of every segment's size). */
  total: number;
}

export interface MultiAdamWAttrs extends MultiSegmentAttrs {
  beta1: number;
  beta2: number;
  eps: number;
  /** Each segment's step count, this update included (1 on its first). */
  steps: number[];
}

export interface MultiSgdAttrs extends MultiSegmentAttrs {
  /** > 0: s is the momentum buffer (zero before a segment's first step: buf' = d then, as torch's clone). */
  momentum: number;
  nesterov: boolean;
}

/**
 * Runs `body` over views of [p0..p(n-1), g0..g(n-1), s?] and of the outputs [p0'..p(n-1)', s'?]
 * (js-kernel.ts: no copies on wasm). `body` writes every output element.
 */
export function multiKernel(
  args: KernelArgs,
  n: number,
  body: (ins: Float32Array[], outs: Float32Array[]) => void,
): tf.TensorInfo[] {
  const inputs = args.inputs as Record<string, tf.TensorInfo>;
  const ps = Array.from({ length: n }, (_, i) => inputs[`p${i}`] as tf.TensorInfo);
  const gs = Array.from({ length: n }, (_, i) => inputs[`g${i}`] as tf.TensorInfo);
  const s = inputs.s ? [inputs.s] : [];
  return jsKernel(
    args.backend,
    [...ps, ...gs, ...s],
    [...ps.map((p) => p.shape), ...s.map((t) => t.shape)],
    body,
  );
}

/** torch.optim.AdamW on every segment: s = [m (total) | v (total)]. */
function multiAdamW(args: KernelArgs): tf.TensorInfo[] {
  const a = attrsOf<MultiAdamWAttrs>(args);
  const n = a.offsets.length;
  const { beta1, beta2, eps, total } = a;
  return multiKernel(args, n, (ins, outs) => {
    const s = ins[2 * n] as Float32Array;
    const s2 = outs[n] as Float32Array;
    for (let k = 0; k < n; k++) {
      const pv = ins[k] as Float32Array;
      const gv = ins[n + k] as Float32Array;
      const p2 = outs[k] as Float32Array;
      const lr = a.lrs[k] as number;
      const step = a.steps[k] as number;
      const decay = 1 - lr * (a.weightDecays[k] as number);
      const stepSize = lr / (1 - beta1 ** step);
      const rootBc2 = Math.sqrt(1 - beta2 ** step);
      const m0 = a.offsets[k] as number;
      const v0 = total + m0;
      for (let i = 0; i < pv.length; i++) {
        const gi = gv[i] as number;
        const mi = beta1 * (s[m0 + i] as number) + (1 - beta1) * gi;
        const vi = beta2 * (s[v0 + i] as number) + (1 - beta2) * gi * gi;
        s2[m0 + i] = mi;
        s2[v0 + i] = vi;
        p2[i] = (pv[i] as number) * decay - (stepSize * mi) / (Math.sqrt(vi) / rootBc2 + eps);
      }
    }
  });
}

/** torch.optim.SGD (dampening 0) on every segment: s = [buf (total)] with momentum, absent without. */
function multiSgd(args: KernelArgs): tf.TensorInfo[] {
  const a = attrsOf<MultiSgdAttrs>(args);
  const n = a.offsets.length;
  const { momentum, nesterov } = a;
  return multiKernel(args, n, (ins, outs) => {
    const buf = momentum !== 0 ? (ins[2 * n] as Float32Array) : null;
    const buf2 = momentum !== 0 ? (outs[n] as Float32Array) : null;
    for (let k = 0; k < n; k++) {
      const pv = ins[k] as Float32Array;
      const gv = ins[n + k] as Float32Array;
      const p2 = outs[k] as Float32Array;
      const lr = a.lrs[k] as number;
      const wd = a.weightDecays[k] as number;
      const off = a.offsets[k] as number;
      for (let i = 0; i < pv.length; i++) {
        const pi = pv[i] as number;
        let d = (gv[i] as number) + wd * pi;
        if (buf && buf2) {
          const bi = momentum * (buf[off + i] as number) + d;
          buf2[off + i] = bi;
          d = nesterov ? d + momentum * bi : bi;
        }
        p2[i] = pi - lr * d;
      }
    }
  });
}

/** Registers both kernels for the CPU backend and tfjs-backend-wasm (idempotent). */
export function registerCpuMultiUpdates(): void {
  registerKernels(JS_KERNEL_BACKENDS, [
    [MULTI_ADAMW_KERNEL, multiAdamW],
    [MULTI_SGD_KERNEL, multiSgd],
  ]);
}
