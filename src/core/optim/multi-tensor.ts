/**
 * What the multi-tensor optimizers (multi-adamw.ts, multi-sgd.ts) share: which parameters step,
 * in the flat layout's order, and the one kernel call that updates them all.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { MultiSegmentAttrs } from '../cpu-kernels/multi-update';
import { hasKernel, runKernels } from '../kernel-call';
import type { FlatState } from './flat-state';
import type { TrainedParam } from './optimizer';

/** The parameters that have a gradient this step (torch leaves the others, and their state, alone). */
export const stepping = (
  params: readonly TrainedParam[],
  grads: ReadonlyMap<string, tf.Tensor>,
): TrainedParam[] => params.filter((p) => grads.has(p.name));

/**
 * `active` in segment order when they are exactly the layout's segments (the usual case: one
 * kernel updates everything); null when some parameter owns state but does not step now (the
 * generic path then leaves its state alone).
 */
export function inSegmentOrder(
  flat: FlatState | null,
  active: readonly TrainedParam[],
): TrainedParam[] | null {
  if (!flat) return [...active];
  if (flat.segments.length !== active.length) return null;
  const byName = new Map(active.map((p) => [p.name, p]));
  const ordered = flat.segments.map((s) => byName.get(s.name));
  return ordered.every((p) => p !== undefined) ? (ordered as TrainedParam[]) : null;
}

/**
 * Runs the multi-tensor `kernel` on `ordered` (segment order) when the backend has it: assigns
 * every parameter's new weights and the new flat state, and returns true; false when the
 * backend lacks it (WebGL: the caller takes the generic ops).
 */
export function runMultiKernel(
  kernel: string,
  ordered: readonly TrainedParam[],
  grads: ReadonlyMap<string, tf.Tensor>,
  flat: FlatState | null,
  lr: number,
  attrs: object,
): boolean {
  if (!hasKernel(kernel)) return false;
  const inputs: Record<string, tf.Tensor> = {};
  ordered.forEach((p, i) => {
    inputs[`p${i}`] = p.variable;
    inputs[`g${i}`] = grads.get(p.name) as tf.Tensor;
  });
  if (flat?.flat) inputs.s = flat.flat;
  const segs: MultiSegmentAttrs = {
    offsets: ordered.map((p) => flat?.segment(p.name)?.offset ?? 0),
    lrs: ordered.map((p) => lr * (p.lrScale ?? 1)),
    weightDecays: ordered.map((p) => p.weightDecay),
    total: flat?.total ?? 0,
  };
  const out = runKernels(kernel, inputs, { ...segs, ...attrs });
  ordered.forEach((p, i) => p.variable.assign(out[i] as tf.Tensor));
  if (flat?.flat) flat.assign(out[ordered.length] as tf.Tensor);
  return true;
}
