/**
 * LP-FT on the TS engine (the recipe's 'lp-ft' option): head-only epochs first, then
 * fine-tuning. The real ViT checkpoint and style benchmark, a tiny subset.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../src/cli/node-backend';
import { BenchmarkCache, checkpointBytes, loadManifest } from '../../../src/cli/experiment/load';
import { loadRecipe, sweepOf } from '../../../src/cli/experiment/load-recipe';
import type { Recipe } from '../../../src/presets/experiment-recipe';
import {
  phasesOf,
  runOne,
  runPhase,
  type CheckpointEntry,
} from '../../../src/cli/experiment/run-one';
import { loadForNewTask } from '../../../src/core/checkpoint/checkpoint';
import { buildModel } from '../../../src/core/models/build-model';
import type { ModelConfig } from '../../../src/spec/model-config';
import { Rng } from '../../../src/core/rng';
import type { BenchmarkData } from '../../../src/data/benchmarks/types';
import type { EpochResult } from '../../../src/cli/experiment/record';
import { groupOf } from '../../../src/spec/model-spec';

let entry: CheckpointEntry;
let bytes: Uint8Array;
let data: BenchmarkData;
const base = loadRecipe();
// One head-only epoch, one fine-tuning epoch, two steps each (20 images, batch 10).
const recipe: Recipe = {
  ...base,
  epochs: 1,
  batchSize: 10,
  methods: { ...base.methods, 'lp-ft': { ...base.methods['lp-ft']!, lpEpochs: 1 } },
};

beforeAll(async () => {
  await useCpuBackend();
  entry = (await loadManifest()).find((m) => m.name === 'vit-adamw') as CheckpointEntry;
  bytes = await checkpointBytes(entry);
  data = await new BenchmarkCache().get('style', {
    trainPerClass: 2,
    valPerClass: 1,
    oodPerClass: 1,
  });
});

describe('LP-FT', () => {
  it('plans the head-only phase first, with every other group frozen', () => {
    const m = recipe.methods['lp-ft']!;
    expect(phasesOf(m, 6)).toEqual([
      { epochs: 1, freeze: ['embed', 'body'], lp: true, lr: 0.1 },
      { epochs: 6, freeze: [], lp: false },
    ]);
    expect(phasesOf(recipe.methods.sgd!, 6)).toEqual([{ epochs: 6, freeze: [], lp: false }]);
    // The sweep tunes the fine-tuning phase, below plain SGD's: the probed head makes the body's
    // first gradients large at once (a fresh head is near zero: an implicit warm-up).
    expect(sweepOf(recipe, 'lp-ft')).toEqual([0.0003, 0.001, 0.003, 0.01]);
  });

  it('moves only the head during linear probing', async () => {
    const def = buildModel({
      ...entry.config,
      numClasses: data.sets.train.numClasses,
    } as ModelConfig);
    const model = loadForNewTask(def, bytes, new Rng(0), entry.file);
    try {
      const read = async (): Promise<Map<string, Float32Array>> =>
        new Map(
          await Promise.all(
            [...model.vars].map(async ([n, v]) => [n, (await v.data()) as Float32Array] as const),
          ),
        );
      const before = await read();
      const epochs: EpochResult[] = [];
      const r = await runPhase(
        { entry, bytes, data, method: 'lp-ft', lr: 0.05, seed: 0, recipe },
        model,
        phasesOf(recipe.methods['lp-ft']!, 1)[0]!,
        epochs,
      );
      expect(r).toMatchObject({ steps: 2, diverged: false });
      expect(epochs).toHaveLength(1);
      expect(epochs[0]?.phase).toBe('lp');
      const after = await read();
      for (const spec of def.specs.filter((s) => s.kind === 'param')) {
        const same = tf.util.arraysEqual(before.get(spec.name)!, after.get(spec.name)!);
        expect([spec.name, same]).toEqual([spec.name, groupOf(def, spec) !== 'head']);
      }
    } finally {
      model.dispose();
    }
  }, 120_000);

  it('probes at lpLr, not at the swept rate', async () => {
    const still: Recipe = {
      ...recipe,
      methods: { ...recipe.methods, 'lp-ft': { ...recipe.methods['lp-ft']!, lpLr: 0 } },
    };
    const def = buildModel({
      ...entry.config,
      numClasses: data.sets.train.numClasses,
    } as ModelConfig);
    const model = loadForNewTask(def, bytes, new Rng(0), entry.file);
    try {
      const head = async (): Promise<Float32Array> =>
        (await model.vars.get('head.weight')!.data()) as Float32Array;
      const before = await head();
      await runPhase(
        { entry, bytes, data, method: 'lp-ft', lr: 0.05, seed: 0, recipe: still },
        model,
        phasesOf(still.methods['lp-ft']!, 1)[0]!,
        [],
      );
      expect(tf.util.arraysEqual(before, await head())).toBe(true); // rate 0: nothing moved
    } finally {
      model.dispose();
    }
  }, 120_000);

  it('runs both phases end to end, moves the embedding, and early-stops over fine-tuning epochs', async () => {
    const r = await runOne({ entry, bytes, data, method: 'lp-ft', lr: 0.01, seed: 0, recipe });
    expect(r.steps).toBe(4);
    expect(r.perEpoch.map((e) => e.phase ?? 'ft')).toEqual(['lp', 'ft']);
    expect(r.best?.phase).toBeUndefined(); // never a head-only epoch
    expect(r.embedDrift).toBeGreaterThan(0);
  }, 120_000);
});
