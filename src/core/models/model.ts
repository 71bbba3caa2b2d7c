import type * as tf from '@tensorflow/tfjs-core';
import type { GroupName, ParamSpec } from './param-spec';

/** Read access to a model's tensors by PyTorch name (Variables during training). */
export type Params = (name: string) => tf.Tensor;

export interface ForwardResult {
  /** [B, numClasses] */
  logits: tf.Tensor2D;
  /**
   * New values for buffers computed in training mode (BatchNorm running statistics),
   * by name. The caller assigns them after the step; empty in eval mode.
   */
  bufferUpdates: Map<string, tf.Tensor>;
}

/** An architecture instance: its tensors, grouping and forward pass. Holds no tensors. */
export interface ModelDef {
  readonly family: 'vit' | 'convnext' | 'resnet';
  readonly specs: readonly ParamSpec[];
  /** Layers in forward order, for per-layer charts. */
  readonly layers: readonly string[];
  /** Which group each layer belongs to (the paper's embed / body / head). */
  readonly groupOfLayer: ReadonlyMap<string, GroupName>;
  /** Input image [H, W, C]. */
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  /** x: [B, H, W, C] normalised floats. */
  forward(p: Params, x: tf.Tensor4D, training: boolean): ForwardResult;
}

export function groupOf(def: ModelDef, spec: ParamSpec): GroupName {
  const g = def.groupOfLayer.get(spec.layer);
  if (!g) throw new Error(`layer ${spec.layer} of ${spec.name} has no group`);
  return g;
}
