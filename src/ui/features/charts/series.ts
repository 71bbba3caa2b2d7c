/**
 * Chart rows derived from the run history (pure; unit-tested). Long runs are thinned to at
 * most `maxPoints` rows per chart, keeping the last point, so charts re-render cheaply; the
 * store keeps every recent step and a thinned sample of older ones (store/method-history-bounds.ts).
 */
import type { EvalEvent, StepEvent } from '../../../protocol/messages';
import type { MethodHistory } from '../../store/method-history';
import { finitePoints, lttb, type Point } from './decimate';

export type Row = Record<string, number | string | null>;

export function thin<T>(rows: T[], maxPoints: number): T[] {
  if (rows.length <= maxPoints) return rows;
  const stride = Math.ceil(rows.length / maxPoints);
  const out = rows.filter((_, i) => i % stride === 0);
  if (out.at(-1) !== rows.at(-1)) out.push(rows.at(-1) as T);
  return out;
}

/** One row per step: `${method}` = loss. */
export function lossRows(methods: Record<string, MethodHistory>, maxPoints = 300): Row[] {
  const byStep = new Map<number, Row>();
  for (const [id, m] of Object.entries(methods)) {
    for (const s of m.steps) {
      const r = byStep.get(s.step) ?? { step: s.step };
      r[id] = s.loss;
      byStep.set(s.step, r);
    }
  }
  return thin([...byStep.values()].sort((a, b) => (a.step as number) - (b.step as number)), maxPoints);
}

/** Per evaluation: `${id}:id` and `${id}:ood` accuracy (worst group when the metric says so). */
export function accuracyRows(methods: Record<string, MethodHistory>, worstGroup: boolean): Row[] {
  const byStep = new Map<number, Row>();
  for (const [id, m] of Object.entries(methods)) {
    for (const e of m.evals) {
      if (e.epoch < 0) continue; // evaluate-now requests between steps: shown in the table only
      const r = byStep.get(e.step) ?? { step: e.step };
      r[`${id}:id`] = e.id.reweighted !== undefined && worstGroup ? e.id.reweighted : e.id.accuracy;
      r[`${id}:ood`] = worstGroup ? (e.ood.worstGroup ?? e.ood.accuracy) : e.ood.accuracy;
      byStep.set(e.step, r);
    }
  }
  return [...byStep.values()].sort((a, b) => (a.step as number) - (b.step as number));
}

/** Latest relative distance from the starting weights, per layer: one row per layer. */
export function driftRows(methods: Record<string, MethodHistory>, layers: readonly string[]): Row[] {
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
  for (const s of m.steps) if (s.trainingBytes !== undefined && (peak === null || s.trainingBytes > peak)) peak = s.trainingBytes;
  return peak;
}

/** Accounting per method, in MB: weights, gradients, optimizer state; plus bytes per parameter. */
export function memoryRows(methods: Record<string, MethodHistory>, labels: Record<string, string>): Row[] {
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
export function stepLine(m: MethodHistory, value: (s: StepEvent) => number | null, opts: { positive?: boolean; max?: number } = {}): Point[] {
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

/** One value per scheduled evaluation (evaluate-now requests, epoch -1, are left out). */
export function evalLine(m: MethodHistory, value: (e: EvalEvent) => number | null): Point[] {
  const evals = m.evals.filter((e) => e.epoch >= 0);
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
export function layerGradRows(methods: Record<string, MethodHistory>, layers: readonly string[], at: 'first' | 'latest'): Row[] {
  return layers.map((layer) => {
    const r: Row = { layer };
    for (const [id, m] of Object.entries(methods)) {
      const s = at === 'first' ? m.steps[0] : m.steps.at(-1);
      r[id] = s?.gradNorms.perLayer[layer] ?? null;
    }
    return r;
  });
}

/** What the ratio and drift charts need to know of the model's layers (from LoadedInfo). */
export interface LayerInfo {
  layers: readonly string[];
  embedLayers: readonly string[];
  headLayers: readonly string[];
  /** Trainable parameters per layer; empty when unknown (then no per-parameter view). */
  layerParams: Readonly<Record<string, number>>;
}

/**
 * Which ratio: 'paper' = first (embedding) layer over the largest middle layer, the paper's
 * statistic (middle = neither embedding nor head); 'rest' = embedding over the rest of the
 * model together (body and head: the head of a fresh classifier is large).
 */
export type RatioView = 'paper' | 'rest';
/** 'norm' = raw gradient norms; 'rms' = each norm over the root of its parameter count. */
export type RatioScale = 'norm' | 'rms';

const sumSq = (xs: (number | null | undefined)[]): number => xs.reduce<number>((a, v) => a + (v ?? 0) ** 2, 0);

/** The ratio at one step, or null (frozen embedding, missing layers, unknown counts for RMS). */
export function gradRatio(s: StepEvent, info: LayerInfo, view: RatioView, scale: RatioScale): number | null {
  const per = s.gradNorms.perLayer;
  const count = (ls: readonly string[]): number => ls.reduce((a, l) => a + (info.layerParams[l] ?? 0), 0);
  const first = info.embedLayers[0] ?? info.layers[0];
  if (first === undefined) return null;
  const e = per[first];
  if (e === null || e === undefined) return null;
  const rms = scale === 'rms';
  const eCount = count([first]);
  if (rms && !eCount) return null;
  const eVal = rms ? e / Math.sqrt(eCount) : e;
  if (view === 'paper') {
    let best: number | null = null;
    for (const l of info.layers) {
      if (info.embedLayers.includes(l) || info.headLayers.includes(l)) continue;
      const v = per[l];
      if (v === null || v === undefined) continue;
      const c = count([l]);
      if (rms && !c) continue;
      const x = rms ? v / Math.sqrt(c) : v;
      if (best === null || x > best) best = x;
    }
    return best ? eVal / best : null;
  }
  const restLayers = info.layers.filter((l) => l !== first && per[l] !== null && per[l] !== undefined);
  const rest = Math.sqrt(sumSq(restLayers.map((l) => per[l])));
  const c = count(restLayers);
  if (rms && !c) return null;
  const rVal = rms ? rest / Math.sqrt(c) : rest;
  return rVal ? eVal / rVal : null;
}

/** The model's layers split for the drift chart: the head apart (its own scale), the rest together. */
export function splitHead(info: LayerInfo): { body: string[]; head: string[] } {
  return { body: info.layers.filter((l) => !info.headLayers.includes(l)), head: info.layers.filter((l) => info.headLayers.includes(l)) };
}

/** LayerInfo from what the worker sent; older saved runs lack the head list and the counts. */
export function layerInfoOf(loaded: { layers: string[]; embedLayers: string[]; headLayers?: string[]; layerParams?: Record<string, number> } | null): LayerInfo {
  const layers = loaded?.layers ?? [];
  return {
    layers,
    embedLayers: loaded?.embedLayers ?? layers.slice(0, 1),
    headLayers: loaded?.headLayers ?? layers.slice(-1),
    layerParams: loaded?.layerParams ?? {},
  };
}
