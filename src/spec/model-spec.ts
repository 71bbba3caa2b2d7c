/**
 * What a model is, without its forward pass: every tensor it owns (named as timm/PyTorch name
 * it), its layers in forward order and the paper's group of each layer. Plain data and no
 * tfjs, so the page can count parameters and account memory from the same facts the engine
 * trains with; core/models/model.ts adds the forward pass.
 */
import type { Family } from './model-config';
import type { GroupName, ParamSpec } from './param-spec';

export interface ModelSpec {
  readonly family: Family;
  readonly specs: readonly ParamSpec[];
  /** Layers in forward order, for per-layer charts. */
  readonly layers: readonly string[];
  /** Which group each layer belongs to (the paper's embed / body / head). */
  readonly groupOfLayer: ReadonlyMap<string, GroupName>;
  /** Input image [H, W, C]. */
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
}

export function groupOf(spec: ModelSpec, param: ParamSpec): GroupName {
  const g = spec.groupOfLayer.get(param.layer);
  if (!g) throw new Error(`layer ${param.layer} of ${param.name} has no group`);
  return g;
}
