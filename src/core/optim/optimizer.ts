import type * as tf from '@tensorflow/tfjs-core';

/** Plain-JSON optimizer settings (they travel in URLs and result files). */
export type OptimizerConfig =
  | { kind: 'sgd'; lr: number; momentum: number; nesterov: boolean; weightDecay: number }
  | { kind: 'adamw'; lr: number; beta1: number; beta2: number; eps: number; weightDecay: number };

/** One trained parameter as the optimizer sees it (from param-groups.ts). */
export interface TrainedParam {
  readonly name: string;
  readonly variable: tf.Variable;
  /** Weight decay for this parameter: the config's, or 0 for the no-decay group. */
  readonly weightDecay: number;
  /**
   * Multiplies the step's learning rate for this parameter (torch: a param group with its own
   * lr); 1 when absent. E.g. a smaller rate for the embedding, one of the paper's ablations.
   */
  readonly lrScale?: number;
}

/**
 * State is keyed by parameter name and created lazily on a parameter's first update, so a
 * frozen parameter never owns state (the memory saving of freeze-embed is real), and the
 * set of trained parameters may change between steps without misaligning state
 * (tfjs's built-in optimizers key by position: we do not use them).
 */
export interface Optimizer {
  readonly config: OptimizerConfig;
  /** Apply one update; call inside tf.tidy. grads: by parameter name, same shapes. */
  apply(params: readonly TrainedParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void;
  /** Names of the parameters that currently own state. */
  stateNames(): string[];
  /** State tensors per parameter (momentum buffer; or m and v). */
  floatsOfStatePerParam(): number;
  /** Bytes of the state tensors that exist now (measured from the tensors, not accounted). */
  stateBytes(): number;
  dispose(): void;
}

/** Optimizer state floats per trained parameter: SGD 0, SGD+momentum 1, AdamW 2. */
export function stateFloatsPerParam(cfg: OptimizerConfig): number {
  return cfg.kind === 'adamw' ? 2 : cfg.momentum !== 0 ? 1 : 0;
}

/** torch.optim defaults for each optimizer (AdamW wd 0.01 as the paper uses). */
export function defaultOptimizer(kind: 'sgd' | 'sgd-momentum' | 'adamw', lr?: number): OptimizerConfig {
  switch (kind) {
    case 'sgd':
      return { kind: 'sgd', lr: lr ?? 1e-2, momentum: 0, nesterov: false, weightDecay: 0 };
    case 'sgd-momentum':
      return { kind: 'sgd', lr: lr ?? 1e-2, momentum: 0.9, nesterov: false, weightDecay: 0 };
    case 'adamw':
      return { kind: 'adamw', lr: lr ?? 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };
  }
}
