/**
 * What the multi-tensor optimizers (multi-adamw.ts, multi-sgd.ts, multi-lamb.ts, multi-lars.ts)
 * share: which parameters step, in the flat layout's order, the one kernel call that updates them
 * all, and the step itself (MultiTensorOptimizer: kernel where the backend has it, else generic).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { MultiSegmentAttrs } from '../cpu-kernels/multi-update';
import { hasKernel, runKernels } from '../kernel-call';
import type { FlatState, Segment } from './flat-state';
import type { TrainedParam } from './optimizer';
import { StoreOptimizer } from './param-state';

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

/**
 * A multi-tensor optimizer's step: the parameters with a gradient get their segments (fresh ones
 * zero), with `countsSteps` each its own step count advanced (Adam-style bias correction), then
 * one `kernel` call in segment order, or `applyGeneric` where the backend lacks the kernel or some
 * parameter that owns state does not step now.
 */
export abstract class MultiTensorOptimizer extends StoreOptimizer<FlatState> {
  /** The registered multi-tensor kernel's name. */
  protected abstract readonly kernel: string;
  /** Whether each segment's step counts this parameter's updates (AdamW, LAMB; not SGD, LARS). */
  protected abstract readonly countsSteps: boolean;

  /** The kernel's own attributes (besides offsets, lrs, weight decays, total). */
  protected abstract kernelAttrs(ordered: readonly TrainedParam[]): object;

  /** The per-segment generic ops, state written back in one concat. */
  protected abstract applyGeneric(
    active: readonly TrainedParam[],
    grads: ReadonlyMap<string, tf.Tensor>,
    lr: number,
  ): void;

  /** The flat state, null when it has no slot (SGD, LARS without momentum): never a segment. */
  protected get buffers(): FlatState | null {
    return this.state.slots ? this.state : null;
  }

  /** Each of `ordered`'s own step count (1 for a parameter without a segment). */
  protected stepsOf(ordered: readonly TrainedParam[]): number[] {
    return ordered.map((p) => this.state.segment(p.name)?.step ?? 1);
  }

  apply(params: readonly TrainedParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    const active = stepping(params, grads);
    if (active.length === 0) return;
    const flat = this.buffers;
    flat?.ensure(active.map((p) => ({ name: p.name, shape: p.variable.shape })));
    if (this.countsSteps) for (const p of active) (this.state.segment(p.name) as Segment).step += 1;
    const ordered = inSegmentOrder(flat, active);
    if (ordered && runMultiKernel(this.kernel, ordered, grads, flat, lr, this.kernelAttrs(ordered)))
      return;
    this.applyGeneric(active, grads, lr);
  }

  floatsOfStatePerParam(): number {
    return this.state.slots;
  }
}
