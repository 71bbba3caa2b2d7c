/**
 * The setup every step-timing bench shares: a default micro model (seed 1), AdamW at 1e-3 over
 * all its parameters, and one fixed random batch (seed 2; x: [B, H, W, C], y: [B] int32), made
 * on whichever backend is active.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ModelInstance } from '../../core/models/instance';
import { buildModel } from '../../core/models/build-model';
import { createOptimizer } from '../../core/optim/create';
import type { Optimizer, TrainedParam } from '../../core/optim/optimizer';
import { trainedParams } from '../../core/optim/param-groups';
import { Rng } from '../../core/rng';
import { defaultModelConfig, type Family } from '../../core/spec/model-config';
import { defaultOptimizer, type OptimizerConfig } from '../../core/spec/optimizer-config';

export interface AdamWBenchSetup {
  model: ModelInstance;
  cfg: OptimizerConfig;
  opt: Optimizer;
  params: TrainedParam[];
  x: tf.Tensor4D;
  y: tf.Tensor1D;
  dispose: () => void;
}

export function adamwBenchSetup(family: Family, batch: number): AdamWBenchSetup {
  const def = buildModel(defaultModelConfig(family));
  const model = ModelInstance.init(def, new Rng(1));
  const cfg = defaultOptimizer('adamw', 1e-3);
  const opt = createOptimizer(cfg);
  const params = trainedParams(model, new Set(), cfg);
  const rng = new Rng(2);
  const [h, w, c] = def.inputShape;
  const x = tf.tensor4d(Float32Array.from({ length: batch * h * w * c }, () => rng.normal()), [batch, h, w, c]);
  const y = tf.tensor1d(Int32Array.from({ length: batch }, () => rng.int(def.numClasses)), 'int32');
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
