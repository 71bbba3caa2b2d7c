/** Parameter counts of a model and of its embedding layer(s): what the UI and the worker show. */
import type { ModelDef } from './model';
import { numel } from './param-spec';

export interface ParamSummary {
  params: number;
  embedParams: number;
  /** Layers in the `embed` group, in forward order. */
  embedLayers: string[];
  /** Layers in the `head` group (the new classifier). */
  headLayers: string[];
  /** Trainable parameters per layer: per-parameter (RMS) views divide a layer's norm by its root. */
  layerParams: Record<string, number>;
}

export function paramSummary(def: ModelDef): ParamSummary {
  const params = def.specs.filter((s) => s.kind === 'param');
  const embedLayers = def.layers.filter((l) => def.groupOfLayer.get(l) === 'embed');
  const count = (xs: typeof params): number => xs.reduce((a, s) => a + numel(s.shape), 0);
  const headLayers = def.layers.filter((l) => def.groupOfLayer.get(l) === 'head');
  const layerParams = Object.fromEntries(def.layers.map((l) => [l, count(params.filter((s) => s.layer === l))]));
  return { params: count(params), embedParams: count(params.filter((s) => embedLayers.includes(s.layer))), embedLayers, headLayers, layerParams };
}
