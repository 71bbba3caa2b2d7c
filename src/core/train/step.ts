/**
 * One training step: forward, backward for the trained parameters only, per-parameter squared
 * gradient norms reduced on the device and read back together with the loss in ONE async
 * readback, a finiteness check, then the optimizer update. Every intermediate tensor is
 * disposed (tidy scopes, plus explicit disposal of what must outlive the readback).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelInstance } from '../models/instance';
import { gradNormsFromSquares, type GradNorms } from '../metrics/grad-norms';
import type { Optimizer, TrainedParam } from '../optim/optimizer';
import { NonFiniteError } from './errors';
import { packSquaredNormsWebGpu } from '../gpu-kernels/squared-norms-webgpu';
import { served } from '../kernel-paths';

/** Mean cross-entropy over the batch. logits: [B, K], y: [B] int32. */
export function crossEntropy(logits: tf.Tensor2D, y: tf.Tensor1D): tf.Scalar {
  const oneHot = tf.oneHot(y, logits.shape[1]); // [B, K]
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1)));
}

export interface LossAndGrads {
  loss: tf.Scalar;
  grads: Map<string, tf.Tensor>;
  /** New BatchNorm statistics (training mode); caller assigns or disposes them. */
  bufferUpdates: Map<string, tf.Tensor>;
}

/** Forward + backward w.r.t. `names` (no gradient is computed for anything else). */
export function lossAndGrads(
  model: ModelInstance,
  names: readonly string[],
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  training = true,
): LossAndGrads {
  let bufferUpdates = new Map<string, tf.Tensor>();
  const vars = names.map((n) => {
    const v = model.vars.get(n);
    if (!v) throw new Error(`no variable ${n}`);
    return v;
  });
  const { value, grads } = tf.variableGrads(() => {
    const out = model.def.forward(model.params, x, training);
    bufferUpdates = out.bufferUpdates; // tf.keep'd by the model: they outlive this scope
    return crossEntropy(out.logits, y);
  }, vars);
  // variableGrads keys grads by the variables' (auto-generated) names: map back to ours.
  const byName = new Map<string, tf.Tensor>();
  names.forEach((n, i) => {
    const g = grads[(vars[i] as tf.Variable).name];
    if (g) byName.set(n, g);
  });
  return { loss: value, grads: byName, bufferUpdates };
}

export interface StepResult {
  loss: number;
  /**
   * Bytes the step allocated and held at its high point, measured with tf.memory(): the
   * gradients (plus the loss and any BatchNorm statistics) once the backward pass has freed its
   * activations, just before the update.
   */
  gradBytes: number;
  /** null when the step ran without instrumentation. */
  gradNorms: GradNorms | null;
}

export interface StepOptions {
  /** Compute gradient norms (default true). false = the plain step the benchmark compares with. */
  instrument?: boolean;
  /** Step index, for error messages. */
  step?: number;
}

export async function trainStep(
  model: ModelInstance,
  optimizer: Optimizer,
  params: readonly TrainedParam[],
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  lr: number,
  opts: StepOptions = {},
): Promise<StepResult> {
  const instrument = opts.instrument ?? true;
  const step = opts.step ?? 0;
  const before = tf.memory().numBytes;
  const lg = lossAndGrads(
    model,
    params.map((p) => p.name),
    x,
    y,
    true,
  );
  const gradBytes = tf.memory().numBytes - before;
  try {
    const { loss, names, squares } = await readLossAndSquares(lg, instrument);
    assertFinite(loss, names, squares, step);
    const gradNorms: GradNorms | null = instrument
      ? gradNormsFromSquares(model.def, names, squares)
      : null;
    // Only a finite step reaches the weights: a diverging run keeps its last good weights.
    tf.tidy(() => {
      optimizer.apply(params, lg.grads, lr);
      for (const [name, v] of lg.bufferUpdates) model.vars.get(name)?.assign(v);
    });
    return { loss, gradNorms, gradBytes };
  } finally {
    disposeAll(lg);
  }
}

/**
 * Gradient norms at the current weights without updating anything (the paper's analysis at
 * learning rate 0): every parameter gets a gradient, training-mode forward, BatchNorm
 * statistics left untouched.
 */
export async function measureGradNorms(
  model: ModelInstance,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
): Promise<{ loss: number; gradNorms: GradNorms }> {
  const lg = lossAndGrads(model, model.trainableNames(new Set()), x, y, true);
  try {
    const { loss, names, squares } = await readLossAndSquares(lg, true);
    return { loss, gradNorms: gradNormsFromSquares(model.def, names, squares) };
  } finally {
    disposeAll(lg);
  }
}

/**
 * Throws a NonFiniteError naming the loss, or else the first parameter whose squared gradient
 * norm is NaN/Inf (a gradient overflowing float32 also shows here).
 */
export function assertFinite(
  loss: number,
  names: readonly string[],
  squares: ArrayLike<number>,
  step: number,
): void {
  if (!Number.isFinite(loss)) throw new NonFiniteError('loss', step, loss);
  for (let i = 0; i < names.length; i++) {
    const v = squares[i] as number;
    if (!Number.isFinite(v)) throw new NonFiniteError(names[i] as string, step, v);
  }
}

/**
 * ONE readback of [1 + P] floats: the loss, then each parameter's squared gradient norm
 * (reduced on the device). A GPU->CPU sync point, once per step.
 */
async function readLossAndSquares(
  lg: LossAndGrads,
  instrument: boolean,
): Promise<{ loss: number; names: string[]; squares: Float32Array }> {
  const names = instrument ? [...lg.grads.keys()] : [];
  const packed = tf.tidy(() => packLossAndSquares(lg, names));
  try {
    const values = (await packed.data()) as Float32Array;
    return { loss: values[0] as number, names, squares: values.subarray(1) };
  } finally {
    packed.dispose();
  }
}

/** [1 + P]: the loss, then the squared norm of each named gradient (reduced on the device). */
export function packLossAndSquares(lg: LossAndGrads, names: readonly string[]): tf.Tensor1D {
  // WebGPU: ceil(P / 6) dispatches instead of 2 per gradient and a split stack (gpu-kernels/squared-norms-webgpu.ts).
  if (served('webGpuSquaredNorms'))
    return packSquaredNormsWebGpu(
      tf.reshape(lg.loss, [1]),
      names.map((n) => lg.grads.get(n) as tf.Tensor),
    );
  return (
    names.length
      ? tf.concat([
          tf.reshape(lg.loss, [1]),
          tf.stack(names.map((n) => tf.sum(tf.square(lg.grads.get(n) as tf.Tensor)))),
        ])
      : tf.reshape(lg.loss, [1])
  ) as tf.Tensor1D;
}

function disposeAll(lg: LossAndGrads): void {
  lg.loss.dispose();
  for (const g of lg.grads.values()) g.dispose();
  for (const b of lg.bufferUpdates.values()) b.dispose();
}
