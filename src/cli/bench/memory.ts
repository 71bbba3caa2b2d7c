/**
 * Memory per method: the accounting (weights + grads + state, by group: spec/memory-account.ts)
 * against what tf.memory() measures after a step (grads are freed by then, so the measured
 * persistent bytes = weights + optimizer state + BatchNorm buffers). The methods are the
 * catalogue's grid (src/presets/method-catalog.ts): each optimizer row, embedding trained and frozen.
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildModel } from '../../core/models/build-model';
import { ModelInstance } from '../../core/models/instance';
import { createOptimizer } from '../../core/optim/create';
import { trainedParams } from '../../core/optim/param-groups';
import { Rng } from '../../core/rng';
import { accountMemory } from '../../spec/memory-account';
import { defaultModelConfig, type Family } from '../../spec/model-config';
import { methodOf, RECIPE, recipeOptimizer } from '../../presets/experiment-recipe';
import { METHOD_CATALOG } from '../../presets/method-catalog';
import { trainStep } from '../../core/train/step';
import { paramCount, randomBatch } from './step-setup';

export const MEMORY_HEADER = [
  'bytes/param = (weights + grads + state) / all params; frozen parameters cost 4.',
  'Measured = tf.memory().numBytes held after one step (weights + optimizer state + BN buffers; grads are freed).\n',
  '| model | method | bytes/param | bytes/trained param | accounted training bytes | accounted persistent | measured persistent | match |',
  '|---|---|---|---|---|---|---|---|',
];

/** The grid's methods, trained embedding first, each in the order SGD, SGD + momentum, AdamW. */
const ROW_ORDER = ['sgd', 'sgdm', 'adamw'];
const GRID = METHOD_CATALOG.filter((m) => m.group === 'grid').sort(
  (a, b) =>
    a.freeze.length - b.freeze.length || ROW_ORDER.indexOf(a.row) - ROW_ORDER.indexOf(b.row),
);

/** One markdown row per grid method: one step at batch 2, accounted against measured. */
export async function memoryRows(family: Family): Promise<string[]> {
  const rows: string[] = [];
  const def = buildModel(defaultModelConfig(family));
  const n = paramCount(def);
  const { x, y } = randomBatch(def, 2, 3);
  for (const m of GRID) {
    const freeze = new Set(m.freeze);
    const before = tf.memory().numBytes;
    const model = ModelInstance.init(def, new Rng(1));
    const cfg = recipeOptimizer(methodOf(RECIPE, m.id), 1e-4);
    const opt = createOptimizer(cfg);
    await trainStep(model, opt, trainedParams(model, freeze, cfg), x, y, 1e-4);
    const measured = tf.memory().numBytes - before;
    const acc = accountMemory(def, cfg, freeze);
    const t = acc.total;
    const persistent = t.weightBytes + t.stateBytes + acc.bufferBytes;
    const training = t.weightBytes + t.gradBytes + t.stateBytes;
    rows.push(
      `| ${family} | ${m.label} | ${(training / n).toFixed(2)} | ${acc.bytesPerTrainedParam} | ${training.toLocaleString('en-US')} | ${persistent.toLocaleString('en-US')} | ${measured.toLocaleString('en-US')} | ${measured === persistent ? 'yes' : 'NO'} |`,
    );
    opt.dispose();
    model.dispose();
  }
  tf.dispose([x, y]);
  return rows;
}
