/** Parameter counts of a model and of its embedding layer(s): what the UI and the worker show. */
import type { ModelSpec } from './model-spec';
import { numel } from './param-spec';

export interface ParamSummary {
  /** Trainable parameters, the classification head included. */
  params: number;
  /**
   * Those of the head (`head` group): it is replaced to fit each task's classes, so a model's
   * size is told as params - headParams, the same for a checkpoint and every task.
   */
  headParams: number;
  embedParams: number;
  /** Layers in the `embed` group, in forward order. */
  embedLayers: string[];
  /** Layers in the `head` group (the new classifier). */
  headLayers: string[];
  /** Trainable parameters per layer: per-parameter (RMS) views divide a layer's norm by its root. */
  layerParams: Record<string, number>;
}

export function paramSummary(def: ModelSpec): ParamSummary {
  const params = def.specs.filter((s) => s.kind === 'param');
  const embedLayers = def.layers.filter((l) => def.groupOfLayer.get(l) === 'embed');
  const count = (xs: typeof params): number => xs.reduce((a, s) => a + numel(s.shape), 0);
  const headLayers = def.layers.filter((l) => def.groupOfLayer.get(l) === 'head');
  const layerParams = Object.fromEntries(
    def.layers.map((l) => [l, count(params.filter((s) => s.layer === l))]),
  );
  const of = (layers: readonly string[]): number =>
    count(params.filter((s) => layers.includes(s.layer)));
  return {
    params: count(params),
    headParams: of(headLayers),
    embedParams: of(embedLayers),
    embedLayers,
    headLayers,
    layerParams,
  };
}
