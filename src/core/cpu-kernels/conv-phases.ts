/**
 * The two JS kernels of the wasm convolution input gradient by stride phase (models/cpu-conv.ts
 * `conv2dInputGrad`): the filter's taps per phase, flipped and with channels swapped, and the
 * interleave of the phases' forward convolutions into dx. Registered for wasm only, where tfjs's
 * Conv2D is XNNPACK and its Conv2DBackpropInput a scalar loop; tfjs's CPU backend keeps its
 * transposed conv.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { jsKernel, registerJsKernel } from './js-kernel';
import { attrsOf, inputsOf, type KernelArgs } from '../kernel-call';
export const FILTER_PHASES_KERNEL = 'FtpConvFilterPhases';
export const INTERLEAVE_KERNEL = 'FtpConvPhaseInterleave';

/** Taps of a k-tap filter axis in phase a at stride s: i = a, a + s, ... < k. */
const tapsOf = (k: number, a: number, s: number): number => Math.max(0, Math.ceil((k - a) / s));

/** The phases (a, b) that have taps, row-major. */
function phaseList(kh: number, kw: number, s: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < s; a++)
    for (let b = 0; b < s; b++) if (tapsOf(kh, a, s) > 0 && tapsOf(kw, b, s) > 0) out.push([a, b]);
  return out;
}

/**
 * w [kh, kw, C, O] -> for each phase (a, b) with taps: [ta, tb, O, C], the taps w[a + s t, b + s t']
 * flipped in space and with channels swapped (the filter of a forward conv computing dx).
 */
function filterPhases(args: KernelArgs): tf.TensorInfo[] {
  const { w } = inputsOf(args, 'w');
  const s = attrsOf<{ stride: number }>(args).stride;
  const [kh, kw, C, O] = w.shape as [number, number, number, number];
  const phases = phaseList(kh, kw, s);
  const shapes = phases.map(([a, b]) => [tapsOf(kh, a, s), tapsOf(kw, b, s), O, C]);
  return jsKernel(args.backend, [w], shapes, ([wv], outs) => {
    phases.forEach(([a, b], p) => {
      const out = outs[p] as Float32Array;
      const [ta, tb] = shapes[p] as [number, number];
      for (let t = 0; t < ta; t++) {
        for (let u = 0; u < tb; u++) {
          const src = ((a + s * (ta - 1 - t)) * kw + (b + s * (tb - 1 - u))) * C * O; // w[i, j, :, :]
          const dst = (t * tb + u) * O * C;
          for (let c = 0; c < C; c++)
            for (let o = 0; o < O; o++)
              out[dst + o * C + c] = (wv as Float32Array)[src + c * O + o] as number;
        }
      }
    });
  });
}

/** p0..pN [B, U, V, C] (the phases of phaseList) -> dx [B, H, W, C]: dxpad[s u + a, s v + b] = p[u, v], cropped by pad. */
function interleave(args: KernelArgs): tf.TensorInfo[] {
  const {
    stride: s,
    pad,
    kh,
    kw,
    H,
    W,
  } = attrsOf<{ stride: number; pad: number; kh: number; kw: number; H: number; W: number }>(args);
  const phases = phaseList(kh, kw, s);
  const parts = Object.values(inputsOf(args, ...phases.map((_, i) => `p${i}`)));
  const [B, U, V, C] = (parts[0] as tf.TensorInfo).shape as [number, number, number, number];
  // Which phase (if any) writes each row / column of the padded input.
  const phaseOf = new Int32Array(s * s).fill(-1);
  phases.forEach(([a, b], i) => (phaseOf[a * s + b] = i));
  return jsKernel(args.backend, parts, [[B, H, W, C]], (ins, [dx]) => {
    const out = dx as Float32Array;
    for (let n = 0; n < B; n++) {
      for (let h = 0; h < H; h++) {
        const hp = h + pad;
        const a = hp % s;
        const u = (hp - a) / s;
        for (let w = 0; w < W; w++) {
          const wp = w + pad;
          const b = wp % s;
          const v = (wp - b) / s;
          const p = phaseOf[a * s + b] as number;
          const dst = ((n * H + h) * W + w) * C;
          if (p < 0) {
            out.fill(0, dst, dst + C);
            continue;
          }
          const src = ((n * U + u) * V + v) * C;
          const pv = ins[p] as Float32Array;
          for (let c = 0; c < C; c++) out[dst + c] = pv[src + c] as number;
        }
      }
    }
  });
}

/** Registers both kernels for wasm (idempotent). */
export function registerWasmConvPhases(): void {
  registerJsKernel(FILTER_PHASES_KERNEL, filterPhases, ['wasm']);
  registerJsKernel(INTERLEAVE_KERNEL, interleave, ['wasm']);
}
