/**
 * Instrumentation cost: for a default micro model on the active backend, the median time of the
 * engine's full step (per-parameter gradient norms, one packed readback) against a plain step
 * (loss readback only), interleaved in the same run so machine noise hits both.
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildModel } from '../../core/models/build-model';
import { ModelInstance } from '../../core/models/instance';
import { createOptimizer } from '../../core/optim/create';
import { trainedParams } from '../../core/optim/param-groups';
import { Rng } from '../../core/rng';
import { defaultModelConfig, type Family } from '../../spec/model-config';
import { defaultOptimizer } from '../../spec/optimizer-config';
import { trainStep } from '../../core/train/step';
import { median } from './stats';
import { paramCount, randomBatch } from './step-setup';

export const STEP_COST_HEADER = [
  '| model | params | batch | plain ms (median) | full ms (median) | full/plain | overhead |',
  '|---|---|---|---|---|---|---|',
];

/** One markdown row: `reps` plain and full SGD+momentum steps at `batch`, medians and their ratio. */
export async function stepCost(family: Family, batch: number, reps: number): Promise<string> {
  const def = buildModel(defaultModelConfig(family));
  const model = ModelInstance.init(def, new Rng(1));
  const cfg = defaultOptimizer('sgd-momentum', 1e-4);
  const opt = createOptimizer(cfg);
  const params = trainedParams(model, new Set(), cfg);
  const { x, y } = randomBatch(def, batch, 2);
  const run = async (instrument: boolean): Promise<number> => {
    const t = performance.now();
    await trainStep(model, opt, params, x, y, 1e-4, { instrument });
    return performance.now() - t;
  };
  await run(true); // warm-up: kernel setup, optimizer state creation
  await run(false);
  const plain: number[] = [];
  const full: number[] = [];
  for (let r = 0; r < reps; r++) {
    // Alternate the order so drift in machine load does not favour one side.
    if (r % 2) {
      full.push(await run(true));
      plain.push(await run(false));
    } else {
      plain.push(await run(false));
      full.push(await run(true));
    }
    process.stderr.write(`  ${family}: rep ${r + 1}/${reps}\n`);
  }
  tf.dispose([x, y]);
  opt.dispose();
  model.dispose();
  const p = median(plain);
  const f = median(full);
  return `| ${family} | ${paramCount(def).toLocaleString('en-US')} | ${batch} | ${p.toFixed(0)} | ${f.toFixed(0)} | ${(f / p).toFixed(3)} | ${(((f - p) / p) * 100).toFixed(1)}% |`;
}
