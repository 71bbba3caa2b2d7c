import type * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '../../spec/model-spec';

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

/** x: [B, H, W, C] normalised floats. */
export type Forward = (p: Params, x: tf.Tensor4D, training: boolean) => ForwardResult;

/** An architecture: its spec (tensors, layers, groups) and its forward pass. Holds no tensors. */
export interface ModelDef extends ModelSpec {
  readonly forward: Forward;
}
