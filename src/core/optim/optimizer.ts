import type * as tf from '@tensorflow/tfjs-core';
import type { OptimizerConfig } from '../../spec/optimizer-config';

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
 * One parameter's optimizer state on the host: a snapshot that restores the optimizer exactly
 * (a run continued on another backend after a lost GPU keeps AdamW's moments and SGD's momentum).
 */
export interface ParamState {
  /** SGD: [momentum buffer]; AdamW: [m, v]; each in the parameter's shape (tfjs layout). */
  readonly tensors: readonly Float32Array[];
  readonly shape: readonly number[];
  /** AdamW: the parameter's own step count (its bias correction); SGD: 0. */
  readonly step: number;
}

/** An optimizer's whole state, by parameter name (parameters without state are absent). */
export type OptimizerState = ReadonlyMap<string, ParamState>;

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
  /** The state read back to the host in one readback (a GPU->CPU sync point: snapshots only). */
  readState(): Promise<OptimizerState>;
  /** Replaces the state with a snapshot's (before the first update of a resumed run). */
  loadState(state: OptimizerState): void;
  dispose(): void;
}
