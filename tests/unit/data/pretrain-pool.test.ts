import { describe, expect, it } from 'vitest';
import { buildPretrainPool } from '../../../src/data/pretrain-pool';
import { loadBenchmark } from '../../../src/data/benchmarks/load-benchmark';
import { BENCHMARKS } from '../../../src/data/benchmarks/benchmark-registry';
import { parseBaseImageId } from '../../../src/data/shards/base-id';
import { countBy, hashSet, testStore } from './helpers';

describe('pretraining pool', () => {
  const store = testStore();
  const opts = { fashionPerClass: 30, digitsPerClass: 20 };

  it('is deterministic, 20 classes, many looks, pretrain partition only', async () => {
    const a = await buildPretrainPool(store, 9, opts);
    const b = await buildPretrainPool(store, 9, opts);
    expect(hashSet(b.set)).toBe(hashSet(a.set));
    expect(a.set.n).toBe(500);
    expect(countBy(a.set.labels, 20)).toEqual([
      ...new Array(10).fill(30),
      ...new Array(10).fill(20),
    ]);
    expect(
      countBy(a.set.groups ?? new Int32Array(), 7).filter((c) => c > 0).length,
    ).toBeGreaterThanOrEqual(6);
    for (const id of a.ids) expect(parseBaseImageId(id).partition).toBe('pretrain');
  });

  it('shares no image with any benchmark split', async () => {
    const pool = await buildPretrainPool(store, 9, {
      fashionPerClass: 4000,
      digitsPerClass: 350,
      styles: ['grey'],
      perturbProbability: 0,
      backgroundProbability: 0,
    });
    const poolIds = new Set(pool.ids);
    expect(poolIds.size).toBe(pool.set.n);
    for (const bench of Object.values(BENCHMARKS)) {
      const d = await loadBenchmark(bench, store, { seed: 1, trainPerClass: 5 });
      for (const ids of [d.provenance.train, d.provenance.idVal, d.provenance.ood]) {
        for (const id of ids) expect(poolIds.has(id)).toBe(false);
      }
    }
  });
});
