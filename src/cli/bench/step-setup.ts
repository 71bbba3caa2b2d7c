/**
 * The setup every step-timing bench shares: a default micro model (seed 1), AdamW at 1e-3 over
 * all its parameters, and one fixed random batch (seed 2; x: [B, H, W, C], y: [B] int32), made
 * on whichever backend is active; randomBatch and paramCount serve the other step benches.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ModelInstance } from '../../core/models/instance';
import { buildModel } from '../../core/models/build-model';
import type { ModelDef } from '../../core/models/model';
import { createOptimizer } from '../../core/optim/create';
import type { Optimizer, TrainedParam } from '../../core/optim/optimizer';
import { trainedParams } from '../../core/optim/param-groups';
import { Rng } from '../../core/rng';
import { defaultModelConfig, type Family } from '../../spec/model-config';
import { defaultOptimizer, type OptimizerConfig } from '../../spec/optimizer-config';
import { numel } from '../../spec/param-spec';

export interface AdamWBenchSetup {
  model: ModelInstance;
  cfg: OptimizerConfig;
  opt: Optimizer;
  params: TrainedParam[];
  x: tf.Tensor4D;
  y: tf.Tensor1D;
  dispose: () => void;
}

/** A fixed random batch for `def` from `seed`: x [n, H, W, C] standard normal, y [n] int32 labels. */
export function randomBatch(
  def: ModelDef,
  n: number,
  seed: number,
): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const rng = new Rng(seed);
  const [h, w, c] = def.inputShape;
  const x = tf.tensor4d(
    Float32Array.from({ length: n * h * w * c }, () => rng.normal()),
    [n, h, w, c],
  );
  const y = tf.tensor1d(
    Int32Array.from({ length: n }, () => rng.int(def.numClasses)),
    'int32',
  );
  return { x, y };
}

/** Every parameter's element count (buffers such as BatchNorm's running stats left out). */
export const paramCount = (def: ModelDef): number =>
  def.specs.filter((s) => s.kind === 'param').reduce((a, s) => a + numel(s.shape), 0);

export function adamwBenchSetup(family: Family, batch: number): AdamWBenchSetup {
  const def = buildModel(defaultModelConfig(family));
  const model = ModelInstance.init(def, new Rng(1));
  const cfg = defaultOptimizer('adamw', 1e-3);
  const opt = createOptimizer(cfg);
  const params = trainedParams(model, new Set(), cfg);
  const { x, y } = randomBatch(def, batch, 2);
  return {
    model,
    cfg,
    opt,
    params: [...params],
    x,
    y,
    dispose: () => {
      tf.dispose([x, y]);
      opt.dispose();
      model.dispose();
    },
  };
}
