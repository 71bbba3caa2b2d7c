/**
 * What the charts know of the model's layers (LayerInfo, from what the worker sent) and the
 * gradient ratio derived from it (the paper's statistic and the embedding / rest view); pure,
 * unit-tested. Split from series.ts, which re-exports it.
 */
import type { StepEvent } from '../../../protocol/messages';

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

const sumSq = (xs: (number | null | undefined)[]): number =>
  xs.reduce<number>((a, v) => a + (v ?? 0) ** 2, 0);

/** The ratio at one step, or null (frozen embedding, missing layers, unknown counts for RMS). */
export function gradRatio(
  s: StepEvent,
  info: LayerInfo,
  view: RatioView,
  scale: RatioScale,
): number | null {
  const per = s.gradNorms.perLayer;
  const count = (ls: readonly string[]): number =>
    ls.reduce((a, l) => a + (info.layerParams[l] ?? 0), 0);
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
  const restLayers = info.layers.filter(
    (l) => l !== first && per[l] !== null && per[l] !== undefined,
  );
  const rest = Math.sqrt(sumSq(restLayers.map((l) => per[l])));
  const c = count(restLayers);
  if (rms && !c) return null;
  const rVal = rms ? rest / Math.sqrt(c) : rest;
  return rVal ? eVal / rVal : null;
}

/** The model's layers split for the drift chart: the head apart (its own scale), the rest together. */
export function splitHead(info: LayerInfo): { body: string[]; head: string[] } {
  return {
    body: info.layers.filter((l) => !info.headLayers.includes(l)),
    head: info.layers.filter((l) => info.headLayers.includes(l)),
  };
}

/** LayerInfo from what the worker sent; older saved runs lack the head list and the counts. */
export function layerInfoOf(
  loaded: {
    layers: string[];
    embedLayers: string[];
    headLayers?: string[];
    layerParams?: Record<string, number>;
  } | null,
): LayerInfo {
  const layers = loaded?.layers ?? [];
  return {
    layers,
    embedLayers: loaded?.embedLayers ?? layers.slice(0, 1),
    headLayers: loaded?.headLayers ?? layers.slice(-1),
    layerParams: loaded?.layerParams ?? {},
  };
}
