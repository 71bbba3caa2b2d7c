/** Accuracy of a model on an ImageSet, in eval mode (BatchNorm uses running statistics). */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageSet } from '../image-set';
import type { ModelInstance } from '../models/instance';
import { accuracyReport, type AccuracyReport } from '../metrics/accuracy';
import { makeBatch, type Normalize } from './batch';

/** Images per evaluation batch (the shader precompile compiles this size and each set's remainder). */
export const EVAL_BATCH_SIZE = 256;

export async function predict(
  model: ModelInstance,
  set: ImageSet,
  norm: Normalize,
  batchSize = EVAL_BATCH_SIZE,
): Promise<Int32Array> {
  const pred = new Int32Array(set.n);
  for (let start = 0; start < set.n; start += batchSize) {
    const idx = Array.from({ length: Math.min(batchSize, set.n - start) }, (_, i) => start + i);
    const { x, y } = makeBatch(set, idx, norm);
    let am: tf.Tensor | null = null;
    try {
      // [B] int32 class indices: argmax on the device, so only B ints cross to the host.
      am = tf.tidy(() => tf.argMax(model.def.forward(model.params, x, false).logits, -1));
      pred.set(await am.data(), start);
    } finally {
      tf.dispose([x, y]);
      am?.dispose();
    }
  }
  return pred;
}

export async function evaluate(
  model: ModelInstance,
  set: ImageSet,
  norm: Normalize,
  opts: { batchSize?: number; groupWeights?: readonly number[] } = {},
): Promise<AccuracyReport> {
  const pred = await predict(model, set, norm, opts.batchSize);
  return accuracyReport(pred, set.labels, set.groups, set.numGroups, opts.groupWeights);
}

/**
 * The two evaluations every report needs: ID validation (with the training groups' weights for
 * the reweighted accuracy) and OOD. One place for "evaluate on ID and OOD".
 */
export async function evaluateSplits(
  model: ModelInstance,
  sets: { idVal: ImageSet; ood: ImageSet },
  norm: Normalize,
  groupWeights?: readonly number[],
): Promise<{ id: AccuracyReport; ood: AccuracyReport }> {
  return {
    id: await evaluate(model, sets.idVal, norm, { groupWeights }),
    ood: await evaluate(model, sets.ood, norm),
  };
}
