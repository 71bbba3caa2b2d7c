/**
 * The charts' series and their data tables, derived from the methods' histories (pure;
 * unit-tested). One accessor per metric (lossOf, idAccuracy, oodAccuracy, gradRatio; the
 * gradient parts in grad-series.ts) feeds both a chart's line (stepLine/evalLine, decimated to
 * MAX_POINTS) and its table (stepRows/evalRows, every event the page holds). The store keeps
 * every recent step and a thinned sample of older ones (store/method-history-bounds.ts).
 */
import type { EvalEvent, StepEvent } from '../../../protocol/messages';
import type { MethodHistory } from '../../store/method-history';
import { finitePoints, lttb, type Point } from './decimate';

export type Row = Record<string, number | string | null>;

/** One column of a data table: `${method id}${suffix}`, read by the same accessor its chart line draws. */
export interface Column<E> {
  suffix: string;
  value: (e: E) => number | null;
}

/** One row per step present in any method: `{ step, [id + suffix]: value }`, sorted by step. */
function rowsByStep<E extends { step: number }>(
  methods: Record<string, MethodHistory>,
  events: (m: MethodHistory) => readonly E[],
  columns: readonly Column<E>[],
): Row[] {
  const byStep = new Map<number, Row>();
  for (const [id, m] of Object.entries(methods)) {
    for (const e of events(m)) {
      const r = byStep.get(e.step) ?? { step: e.step };
      for (const c of columns) r[`${id}${c.suffix}`] = c.value(e);
      byStep.set(e.step, r);
    }
  }
  return [...byStep.values()].sort((a, b) => (a.step as number) - (b.step as number));
}

/** The data table of a chart over steps: every step the page holds (the line is decimated, the table is not). */
export function stepRows(
  methods: Record<string, MethodHistory>,
  columns: readonly Column<StepEvent>[],
): Row[] {
  return rowsByStep(methods, (m) => m.steps, columns);
}

/** The data table of a chart over evaluations: the scheduled ones, as the line (evaluate-now requests are shown in the results table only). */
export function evalRows(
  methods: Record<string, MethodHistory>,
  columns: readonly Column<EvalEvent>[],
): Row[] {
  return rowsByStep(methods, scheduledEvals, columns);
}

/** The training loss at a step. */
export const lossOf = (s: StepEvent): number => s.loss;

/** One row per step: `${method}` = loss. */
export function lossRows(methods: Record<string, MethodHistory>): Row[] {
  return stepRows(methods, [{ suffix: '', value: lossOf }]);
}

/** Per evaluation: `${id}:id` and `${id}:ood` accuracy (worst group when the metric says so). */
export function accuracyRows(methods: Record<string, MethodHistory>, worstGroup: boolean): Row[] {
  return evalRows(methods, [
    { suffix: ':id', value: (e) => idAccuracy(e, worstGroup) },
    { suffix: ':ood', value: (e) => oodAccuracy(e, worstGroup) },
  ]);
}

/** Latest relative distance from the starting weights, per layer: one row per layer. */
export function driftRows(
  methods: Record<string, MethodHistory>,
  layers: readonly string[],
): Row[] {
  return layers.map((layer) => {
    const r: Row = { layer };
    for (const [id, m] of Object.entries(methods)) {
      const last = [...m.evals].reverse().find((e) => layer in e.drift);
      r[id] = last ? (last.drift[layer] as number) : null;
    }
    return r;
  });
}

/**
 * A method's measured training memory in bytes: the peak over its steps of what the engine
 * measured while that method trained (weights + optimizer state tensors + the step's
 * gradients). Runs saved before steps carried it fall back to the backend's whole-session
 * figure, read when the method started.
 */
export function peakTrainingBytes(m: MethodHistory): number | null {
  let peak: number | null = null;
  for (const s of m.steps)
    if (s.trainingBytes !== undefined && (peak === null || s.trainingBytes > peak))
      peak = s.trainingBytes;
  return peak;
}

/** Accounting per method, in MB: weights, gradients, optimizer state; plus bytes per parameter. */
export function memoryRows(
  methods: Record<string, MethodHistory>,
  labels: Record<string, string>,
): Row[] {
  return Object.entries(methods).flatMap(([id, m]) => {
    if (!m.memory) return [];
    const t = m.memory.accounting.total;
    const peak = peakTrainingBytes(m);
    return [
      {
        method: labels[id] ?? id,
        weights: t.weightBytes / 1e6,
        gradients: t.gradBytes / 1e6,
        state: t.stateBytes / 1e6,
        bytesPerParam: m.memory.accounting.bytesPerParam,
        measured: (peak ?? m.memory.measured.numBytesInGPU ?? m.memory.measured.numBytes) / 1e6,
      },
    ];
  });
}

/** Drawn points per line at most: a long run costs the same to draw as a short one. */
export const MAX_POINTS = 200;

/** One value per step of a method, nulls dropped (positives only for log axes), decimated. */
export function stepLine(
  m: MethodHistory,
  value: (s: StepEvent) => number | null,
  opts: { positive?: boolean; max?: number } = {},
): Point[] {
  const pts = finitePoints(
    m.steps.map((s) => s.step),
    m.steps.map(value),
    opts.positive,
  );
  return lttb(pts, opts.max ?? MAX_POINTS);
}

/** ID and OOD accuracy (reweighted ID and worst-group OOD when the benchmark has groups). */
export function idAccuracy(e: EvalEvent, worstGroup: boolean): number {
  return e.id.reweighted !== undefined && worstGroup ? e.id.reweighted : e.id.accuracy;
}
export function oodAccuracy(e: EvalEvent, worstGroup: boolean): number {
  return worstGroup ? (e.ood.worstGroup ?? e.ood.accuracy) : e.ood.accuracy;
}

/** A method's scheduled evaluations: evaluate-now requests between steps (epoch -1) are left out. */
const scheduledEvals = (m: MethodHistory): EvalEvent[] => m.evals.filter((e) => e.epoch >= 0);

/** One value per scheduled evaluation. */
export function evalLine(m: MethodHistory, value: (e: EvalEvent) => number | null): Point[] {
  const evals = scheduledEvals(m);
  return lttb(
    finitePoints(
      evals.map((e) => e.step),
      evals.map(value),
    ),
    MAX_POINTS,
  );
}

/**
 * Per layer, each method's gradient norm at one step: 'first' is the first step, taken at the
 * starting (pretrained) weights, i.e. the paper's measurement on one batch; 'latest' is now.
 * null where the layer is frozen.
 */
export function layerGradRows(
  methods: Record<string, MethodHistory>,
  layers: readonly string[],
  at: 'first' | 'latest',
): Row[] {
  return layers.map((layer) => {
    const r: Row = { layer };
    for (const [id, m] of Object.entries(methods)) {
      const s = at === 'first' ? m.steps[0] : m.steps.at(-1);
      r[id] = s?.gradNorms.perLayer[layer] ?? null;
    }
    return r;
  });
}

export {
  gradRatio,
  layerInfoOf,
  splitHead,
  type LayerInfo,
  type RatioScale,
  type RatioView,
} from './layer-info';
