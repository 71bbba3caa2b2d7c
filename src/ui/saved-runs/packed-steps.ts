/**
 * Step events as columns of typed arrays, the form a saved page holds them in. IndexedDB
 * clones an object key by key (every step repeated ~70 gradient-norm names) but a typed array
 * as its bytes, so a page of steps costs ~350 bytes a step instead of ~3 KB, and cloning it on
 * the main thread is a copy. Scalars stay Float64 (exact step and byte counts); gradient norms
 * are Float32, the precision the device computed their squares in.
 */
import type { GradNorms, StepEvent } from '../../protocol/messages';
import type { GroupName } from '../../spec/param-spec';

export interface PackedSteps {
  n: number;
  /** n rows of SCALARS values (see below). trainingBytes NaN: not measured. */
  scalars: Float64Array;
  /** Column names of `norms`: perParam, then perLayer, then perGroup keys, in first-seen order. */
  params: string[];
  layers: string[];
  groups: string[];
  /** n rows of params + layers + groups norms; NULL_NORM = null (frozen), ABSENT = no such key in that step. */
  norms: Float32Array;
}

/** Per step, in this order: step, epoch, totalSteps, loss, lr, stepMs, imagesPerSec, trainingBytes, gradNorms.total. */
const SCALARS = 9;
// A norm is >= 0 (or NaN/Infinity, kept as such): negative numbers are free to mean something else.
const NULL_NORM = -1;
const ABSENT = -2;

function keysOf(
  steps: readonly StepEvent[],
  part: (g: GradNorms) => Record<string, number | null>,
): string[] {
  const keys = new Set<string>();
  for (const s of steps) for (const k of Object.keys(part(s.gradNorms))) keys.add(k);
  return [...keys];
}

export function packSteps(steps: readonly StepEvent[]): PackedSteps {
  const n = steps.length;
  const params = keysOf(steps, (g) => g.perParam);
  const layers = keysOf(steps, (g) => g.perLayer);
  const groups = keysOf(steps, (g) => g.perGroup);
  const width = params.length + layers.length + groups.length;
  const scalars = new Float64Array(n * SCALARS);
  const norms = new Float32Array(n * width);
  steps.forEach((s, i) => {
    scalars.set(
      [
        s.step,
        s.epoch,
        s.totalSteps,
        s.loss,
        s.lr,
        s.stepMs,
        s.imagesPerSec,
        s.trainingBytes ?? NaN,
        s.gradNorms.total,
      ],
      i * SCALARS,
    );
    let j = i * width;
    const put = (v: number | null | undefined): void => {
      norms[j++] = v === undefined ? ABSENT : v === null ? NULL_NORM : v;
    };
    for (const k of params) put(s.gradNorms.perParam[k]);
    for (const k of layers) put(s.gradNorms.perLayer[k]);
    for (const k of groups) put(s.gradNorms.perGroup[k as GroupName]);
  });
  return { n, scalars, params, layers, groups, norms };
}

export function unpackSteps(p: PackedSteps): StepEvent[] {
  const width = p.params.length + p.layers.length + p.groups.length;
  const out: StepEvent[] = [];
  for (let i = 0; i < p.n; i++) {
    const [step, epoch, totalSteps, loss, lr, stepMs, imagesPerSec, bytes, total] =
      p.scalars.subarray(i * SCALARS, (i + 1) * SCALARS) as unknown as number[];
    let j = i * width;
    const fill = <T extends Record<string, number | null>>(keys: readonly string[]): T => {
      const o: Record<string, number | null> = {};
      for (const k of keys) {
        const v = p.norms[j++] as number;
        if (v !== ABSENT) o[k] = v === NULL_NORM ? null : v;
      }
      return o as T;
    };
    const perParam = fill<Record<string, number>>(p.params);
    const perLayer = fill<Record<string, number | null>>(p.layers);
    const perGroup = fill<Record<GroupName, number | null>>(p.groups);
    out.push({
      type: 'step',
      step: step as number,
      epoch: epoch as number,
      totalSteps: totalSteps as number,
      loss: loss as number,
      lr: lr as number,
      gradNorms: { perParam, perLayer, perGroup, total: total as number },
      stepMs: stepMs as number,
      imagesPerSec: imagesPerSec as number,
      ...(Number.isNaN(bytes) ? {} : { trainingBytes: bytes as number }),
    });
  }
  return out;
}
