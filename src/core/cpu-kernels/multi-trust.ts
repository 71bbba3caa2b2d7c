/**
 * LAMB and LARS as multi-tensor updates for tfjs's CPU backend and tfjs-backend-wasm: every
 * parameter of a step in ONE kernel over the flat state (optim/flat-state.ts), the trust ratios'
 * per-tensor norms from the segmented reduction (segmented-norms.ts), instead of a dozen tfjs
 * kernels per parameter (optim/lamb.ts, lars.ts, whose formulas these are: timm's variants).
 *
 * Inputs and outputs as multi-update.ts's: p0..p(n-1), g0..g(n-1), s -> p0'..p(n-1)', s'.
 * Arithmetic in float64; state stored as float32 and read back rounded, as the per-tensor
 * versions' float32 ops store it.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { attrsOf, type KernelArgs, registerKernels } from '../kernel-call';
import { JS_KERNEL_BACKENDS } from './js-kernel';
import { multiKernel, type MultiAdamWAttrs, type MultiSegmentAttrs } from './multi-update';
import { segmentSquares } from './segmented-norms';

export const MULTI_LAMB_KERNEL = 'FtpMultiLamb';
export const MULTI_LARS_KERNEL = 'FtpMultiLars';

/** LAMB takes AdamW's attributes (betas, eps, each segment's step). */
export type MultiLambAttrs = MultiAdamWAttrs;

export interface MultiLarsAttrs extends MultiSegmentAttrs {
  /** > 0: s is the momentum buffer (zero before a segment's first step: buf' = d, torch's clone). */
  momentum: number;
  trustCoeff: number;
  eps: number;
}

/** ||a|| / ||b|| where both are positive, else 1 (trust-ratio.ts's guard). */
const guarded = (num: number, aSq: number, bSq: number): number => (aSq > 0 && bSq > 0 ? num : 1);

/** timm's Lamb on every segment: s = [m (total) | v (total)]. */
function multiLamb(args: KernelArgs): tf.TensorInfo[] {
  const a = attrsOf<MultiLambAttrs>(args);
  const n = a.offsets.length;
  const { beta1, beta2, eps, total } = a;
  return multiKernel(args, n, (ins, outs) => {
    const s = ins[2 * n] as Float32Array;
    const s2 = outs[n] as Float32Array;
    for (let k = 0; k < n; k++) {
      const pv = ins[k] as Float32Array;
      const gv = ins[n + k] as Float32Array;
      const wd = a.weightDecays[k] as number;
      const step = a.steps[k] as number;
      const bc1 = 1 - beta1 ** step;
      const rootBc2 = Math.sqrt(1 - beta2 ** step);
      const m0 = a.offsets[k] as number;
      const v0 = total + m0;
      const u = new Float64Array(pv.length);
      for (let i = 0; i < pv.length; i++) {
        const gi = gv[i] as number;
        s2[m0 + i] = beta1 * (s[m0 + i] as number) + (1 - beta1) * gi;
        s2[v0 + i] = beta2 * (s[v0 + i] as number) + (1 - beta2) * gi * gi;
        const ui = (s2[m0 + i] as number) / bc1 / (Math.sqrt(s2[v0 + i] as number) / rootBc2 + eps);
        u[i] = wd !== 0 ? ui + wd * (pv[i] as number) : ui;
      }
      let ratio = 1;
      if (wd !== 0) {
        const wSq = segmentSquares(pv, 0, pv.length);
        const uSq = u.reduce((acc, x) => acc + x * x, 0);
        ratio = guarded(Math.sqrt(wSq) / Math.sqrt(uSq), wSq, uSq);
      }
      const lr = a.lrs[k] as number;
      const p2 = outs[k] as Float32Array;
      for (let i = 0; i < pv.length; i++) p2[i] = (pv[i] as number) - (u[i] as number) * ratio * lr;
    }
  });
}

/** timm's Lars on every segment: s = [buf (total)] with momentum, absent without. */
function multiLars(args: KernelArgs): tf.TensorInfo[] {
  const a = attrsOf<MultiLarsAttrs>(args);
  const n = a.offsets.length;
  const { momentum, trustCoeff, eps } = a;
  return multiKernel(args, n, (ins, outs) => {
    const buf = momentum !== 0 ? (ins[2 * n] as Float32Array) : null;
    const buf2 = momentum !== 0 ? (outs[n] as Float32Array) : null;
    for (let k = 0; k < n; k++) {
      const pv = ins[k] as Float32Array;
      const gv = ins[n + k] as Float32Array;
      const wd = a.weightDecays[k] as number;
      let ratio = 1;
      if (wd !== 0) {
        const wSq = segmentSquares(pv, 0, pv.length);
        const gSq = segmentSquares(gv, 0, gv.length);
        const [w, g] = [Math.sqrt(wSq), Math.sqrt(gSq)];
        ratio = guarded((w * trustCoeff) / (g + w * wd + eps), wSq, gSq);
      }
      const lr = a.lrs[k] as number;
      const off = a.offsets[k] as number;
      const p2 = outs[k] as Float32Array;
      for (let i = 0; i < pv.length; i++) {
        const pi = pv[i] as number;
        let d = wd !== 0 ? ((gv[i] as number) + pi * wd) * ratio : (gv[i] as number);
        if (buf && buf2) {
          buf2[off + i] = momentum * (buf[off + i] as number) + d;
          d = buf2[off + i] as number;
        }
        p2[i] = pi - d * lr;
      }
    }
  });
}

/** Registers both kernels for the CPU backend and tfjs-backend-wasm (idempotent). */
export const registerCpuMultiTrust = (): void =>
  registerKernels(JS_KERNEL_BACKENDS, [
    [MULTI_LAMB_KERNEL, multiLamb],
    [MULTI_LARS_KERNEL, multiLars],
  ]);
