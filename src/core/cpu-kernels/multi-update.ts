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

/** One segment's views and attributes, as a multi-tensor kernel's per-segment body sees them. */
export interface SegmentViews {
  /** The segment's index (into per-segment attributes such as steps). */
  k: number;
  /** The parameter, its gradient and its new values (the parameter's elements, flat). */
  p: Float32Array;
  g: Float32Array;
  p2: Float32Array;
  /** Its rate (lr x lrScale), weight decay and offset within a slot's run. */
  lr: number;
  wd: number;
  off: number;
  /** The flat state and its new values [slots * total]; undefined when the kernel has none. */
  s: Float32Array | undefined;
  s2: Float32Array | undefined;
}

/** multiKernel with `body` run once per segment, in segment order, on that segment's views. */
export function eachSegment<A extends MultiSegmentAttrs>(
  args: KernelArgs,
  body: (seg: SegmentViews, a: A) => void,
): tf.TensorInfo[] {
  const a = attrsOf<A>(args);
  const n = a.offsets.length;
  return multiKernel(args, n, (ins, outs) => {
    const [s, s2] = [ins[2 * n], outs[n]];
    for (let k = 0; k < n; k++) {
      const [p, g, p2] = [ins[k], ins[n + k], outs[k]] as Float32Array[];
      const [lr, wd, off] = [a.lrs[k], a.weightDecays[k], a.offsets[k]] as number[];
      body({ k, p, g, p2, lr, wd, off, s, s2 } as SegmentViews, a);
    }
  });
}

/** torch.optim.AdamW on every segment: s = [m (total) | v (total)]. */
function multiAdamW(args: KernelArgs): tf.TensorInfo[] {
  return eachSegment<MultiAdamWAttrs>(
    args,
    ({ k, p: pv, g: gv, p2, lr, wd, off: m0, ...st }, a) => {
      const { beta1, beta2, eps, total } = a;
      const [s, s2] = [st.s, st.s2] as [Float32Array, Float32Array];
      const step = a.steps[k] as number;
      const decay = 1 - lr * wd;
      const stepSize = lr / (1 - beta1 ** step);
      const rootBc2 = Math.sqrt(1 - beta2 ** step);
      const v0 = total + m0;
      for (let i = 0; i < pv.length; i++) {
        const gi = gv[i] as number;
        const mi = beta1 * (s[m0 + i] as number) + (1 - beta1) * gi;
        const vi = beta2 * (s[v0 + i] as number) + (1 - beta2) * gi * gi;
        s2[m0 + i] = mi;
        s2[v0 + i] = vi;
        p2[i] = (pv[i] as number) * decay - (stepSize * mi) / (Math.sqrt(vi) / rootBc2 + eps);
      }
    },
  );
}

/** torch.optim.SGD (dampening 0) on every segment: s = [buf (total)] with momentum, absent without. */
function multiSgd(args: KernelArgs): tf.TensorInfo[] {
  return eachSegment<MultiSgdAttrs>(args, ({ p: pv, g: gv, p2, lr, wd, off, s, s2 }, a) => {
    const { momentum, nesterov } = a;
    const buf = momentum !== 0 ? s : null;
    const buf2 = momentum !== 0 ? s2 : null;
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
  });
}

/** Registers both kernels for the CPU backend and tfjs-backend-wasm (idempotent). */
export function registerCpuMultiUpdates(): void {
  registerKernels(JS_KERNEL_BACKENDS, [
    [MULTI_ADAMW_KERNEL, multiAdamW],
    [MULTI_SGD_KERNEL, multiSgd],
  ]);
}
