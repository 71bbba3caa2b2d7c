/** What a training run reports, as plain JSON-friendly objects (they cross the worker wire). */
import type { AccuracyReport } from '../metrics/accuracy';
import type { GradNorms } from '../metrics/grad-norms';

export interface StepEvent {
  type: 'step';
  step: number;
  epoch: number;
  totalSteps: number;
  loss: number;
  lr: number;
  gradNorms: GradNorms;
  /** Wall time of the step, including the readback. */
  stepMs: number;
  imagesPerSec: number;
  /**
   * Training memory measured at this step's high point, in bytes: the weight tensors, the
   * optimizer state tensors that exist, and what the step held (gradients) as tf.memory() saw
   * it. The method's peak over its steps is its measured memory, comparable to the accounting.
   */
  trainingBytes?: number; // absent in runs saved before it was measured
}

/**
 * The first layer's filters (ViT patch embedding / ConvNeXt and ResNet stem conv), in tfjs HWIO
 * layout: shape [kh, kw, cin, cout], values flat in that order. Small (ViT micro: 7x7x3x64).
 */
export interface FilterSnapshot {
  param: string;
  shape: number[];
  values: number[];
}

export interface EvalEvent {
  type: 'eval';
  step: number;
  epoch: number;
  id: AccuracyReport;
  ood: AccuracyReport;
  /** ||w - w0|| / ||w0|| per layer, w0 = the weights the run started from. */
  drift: Record<string, number>;
  /** Added by the browser worker (not the engine): the first layer's filters at this evaluation. */
  filters?: FilterSnapshot;
}

export interface DoneEvent {
  type: 'done';
  status: 'finished' | 'stopped';
  steps: number;
  /** The evaluation with the best ID accuracy (the paper's early stopping on ID validation). */
  best: EvalEvent | null;
  last: EvalEvent | null;
  elapsedMs: number;
}

export interface ErrorEvent {
  type: 'error';
  step: number;
  error: { name: string; message: string; stack?: string; where?: string };
}

export type RunEvent = StepEvent | EvalEvent | DoneEvent | ErrorEvent;
