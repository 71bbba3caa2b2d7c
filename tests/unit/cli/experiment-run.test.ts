/**
 * The TS engine's experiment runner end to end on a tiny subset: the shipped ViT checkpoint,
 * the real style benchmark, two steps per method; records resume from disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../src/cli/node-backend';
import { BenchmarkCache, checkpointBytes, loadManifest } from '../../../src/cli/experiment/load';
import { runMatrix } from '../../../src/cli/experiment/matrix';
import { loadRecipe } from '../../../src/cli/experiment/load-recipe';
import type { Recipe } from '../../../src/presets/experiment-recipe';
import { runOne, type CheckpointEntry } from '../../../src/cli/experiment/run-one';
import { RunStore } from '../../../src/cli/experiment/run-store';
import type { BenchmarkData } from '../../../src/data/benchmarks/types';

let dir: string;
let entry: CheckpointEntry;
let bytes: Uint8Array;
let data: BenchmarkData;
const recipe: Recipe = { ...loadRecipe(), epochs: 1, batchSize: 10 };

beforeAll(async () => {
  await useCpuBackend();
  dir = mkdtempSync(join(tmpdir(), 'ftp-exp-'));
  entry = (await loadManifest()).find((m) => m.name === 'vit-adamw') as CheckpointEntry;
  bytes = await checkpointBytes(entry);
  // 10 classes x 2 = 20 training images: two steps of 10.
  data = await new BenchmarkCache().get('style', {
    trainPerClass: 2,
    valPerClass: 1,
    oodPerClass: 1,
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('experiment runner on the TS engine', () => {
  it('fine-tunes a checkpoint and reports the benchmark metrics per epoch', async () => {
    const r = await runOne({ entry, bytes, data, method: 'sgd', lr: 0.01, seed: 0, recipe });
    expect(r).toMatchObject({
      engine: 'tfjs',
      model: 'vit-adamw',
      benchmark: 'style',
      steps: 2,
      diverged: false,
    });
    expect(r.perEpoch).toHaveLength(1);
    expect(r.best?.id).toBeGreaterThanOrEqual(0);
    expect(r.best?.ood).toBeLessThanOrEqual(1);
    expect(Number.isFinite(r.perEpoch[0]?.loss)).toBe(true);
    expect(r.embedDrift).toBeGreaterThan(0);
  }, 120_000);

  it('leaves the embedding exactly where it was under freeze-embed', async () => {
    const r = await runOne({ entry, bytes, data, method: 'sgd-freeze', lr: 0.01, seed: 0, recipe });
    expect(r.embedDrift).toBe(0);
  }, 120_000);

  it('sweeps, picks by ID, runs the other seeds, and resumes from disk', async () => {
    const small: Recipe = { ...recipe, lrSweep: { ...recipe.lrSweep, adamw: [1e-4, 1e-3] } };
    const store = new RunStore(dir);
    let calls = 0;
    const opts = {
      models: ['vit-adamw'],
      benchmarks: ['style'],
      methods: ['adamw'],
      seeds: [0, 1],
      recipe: small,
      store,
      run: async (req: { lr: number; seed: number; method: string }) => {
        calls++;
        return runOne({
          entry,
          bytes,
          data,
          method: req.method,
          lr: req.lr,
          seed: req.seed,
          recipe: small,
        });
      },
    };
    const [cell] = await runMatrix(opts);
    expect(calls).toBe(3); // two learning rates at seed 0, then seed 1 at the picked rate
    expect(cell?.seeds.map((r) => r.seed)).toEqual([0, 1]);
    expect(cell?.seeds.every((r) => r.lr === cell.lr)).toBe(true);
    await runMatrix(opts);
    expect(calls).toBe(3); // everything was on disk
    expect(store.all()).toHaveLength(3);
  }, 300_000);
});
