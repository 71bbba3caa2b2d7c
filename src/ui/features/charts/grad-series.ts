/**
 * The gradient chart's three lines per method (pure; unit-tested): the embedding (the model's
 * first layer), the middle of the body (its largest layer that is neither embedding nor head,
 * the denominator of the ratio chart's paper statistic) and the new head. The head starts
 * random, so its gradient is large for every model and method: drawn on its own line, it no
 * longer hides the embedding-vs-middle comparison the paper is about (folded into one "rest of
 * the model" line it did: the embedding sat below "rest" on most of SGD's steps).
 */
import type { StepEvent } from '../../../protocol/messages';
import type { MethodHistory } from '../../store/method-history';
import { stepRows, type LayerInfo, type Row } from './series';

export type GradPart = 'embed' | 'middle' | 'head';
export const GRAD_PARTS: readonly GradPart[] = ['embed', 'middle', 'head'];

/** The layers that are neither embedding nor head: the transformer blocks / ConvNeXt or ResNet stages. */
export function middleLayers(info: LayerInfo): string[] {
  return info.layers.filter((l) => !info.embedLayers.includes(l) && !info.headLayers.includes(l));
}

const normOf = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

/** The first (embedding) layer's gradient norm; null when frozen. */
export function embedNorm(s: StepEvent, info: LayerInfo): number | null {
  const first = info.embedLayers[0] ?? info.layers[0];
  return first === undefined ? null : normOf(s.gradNorms.perLayer[first]);
}

/** The largest middle layer's gradient norm (as the ratio chart's paper statistic); null when none. */
export function middleNorm(s: StepEvent, info: LayerInfo): number | null {
  let best: number | null = null;
  for (const l of middleLayers(info)) {
    const v = normOf(s.gradNorms.perLayer[l]);
    if (v !== null && (best === null || v > best)) best = v;
  }
  return best;
}

/** The head's gradient norm: its layers' norms together (sqrt of summed squares); else the head group's. */
export function headNorm(s: StepEvent, info: LayerInfo): number | null {
  const vs = info.headLayers
    .map((l) => normOf(s.gradNorms.perLayer[l]))
    .filter((v): v is number => v !== null);
  if (vs.length) return Math.sqrt(vs.reduce((a, v) => a + v * v, 0));
  return normOf(s.gradNorms.perGroup.head);
}

export const GRAD_PART_OF: Record<GradPart, (s: StepEvent, info: LayerInfo) => number | null> = {
  embed: embedNorm,
  middle: middleNorm,
  head: headNorm,
};

/** How each line is named and drawn: the head as the new, randomly initialised layer. */
export const GRAD_PART_LABEL: Record<GradPart, string> = {
  embed: 'embedding (first layer)',
  middle: 'middle (largest block)',
  head: 'head (new, randomly initialised)',
};

/** One row per step for the data table: `${id}:embed`, `${id}:middle`, `${id}:head` (null: frozen or absent), as the chart's lines. */
export function gradRows(methods: Record<string, MethodHistory>, info: LayerInfo): Row[] {
  return stepRows(
    methods,
    GRAD_PARTS.map((part) => ({
      suffix: `:${part}`,
      value: (s: StepEvent) => GRAD_PART_OF[part](s, info),
    })),
  );
}
