/**
 * Properties every benchmark must have: same seed -> same bytes; disjoint splits; nothing
 * from the pretraining partition; under the per-benchmark download budget; valid ImageSets.
 */
import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../src/data/benchmarks/load-benchmark';
import { resolveOptions } from '../../../src/data/benchmarks/options';
import { BENCHMARKS, getBenchmark } from '../../../src/data/benchmarks/benchmark-registry';
import { parseBaseImageId } from '../../../src/data/shards/base-id';
import { countBy, hashSet, testStore } from './helpers';
import type { ImageSet } from '../../../src/core/image-set';

const SMALL = { trainPerClass: 40, valPerClass: 20, oodPerClass: 20 };
const BUDGET_BYTES = 10 * 1024 * 1024;

function checkSet(set: ImageSet): void {
  expect(set.channels).toBe(3);
  expect(set.height).toBe(28);
  expect(set.width).toBe(28);
  expect(set.pixels.length).toBe(set.n * 28 * 28 * 3);
  expect(set.labels.length).toBe(set.n);
  expect(Math.min(...set.labels)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...set.labels)).toBeLessThan(set.numClasses);
  expect(set.classNames?.length).toBe(set.numClasses);
  if (set.groups !== undefined) {
    expect(set.groups.length).toBe(set.n);
    expect(Math.max(...set.groups)).toBeLessThan(set.numGroups ?? 0);
    expect(set.groupNames?.length).toBe(set.numGroups);
  }
}

describe.each(Object.keys(BENCHMARKS))('benchmark %s', (name) => {
  const bench = getBenchmark(name);
  // One store per benchmark: shards are decoded once, as in the app.
  const store = testStore();

  it('is deterministic: same seed, same bytes; another seed, other bytes', async () => {
    const a = await loadBenchmark(bench, store, { ...SMALL, seed: 11 });
    const b = await loadBenchmark(bench, testStore(), { ...SMALL, seed: 11 });
    const c = await loadBenchmark(bench, store, { ...SMALL, seed: 12 });
    for (const split of ['train', 'idVal', 'ood'] as const) {
      expect(hashSet(b.sets[split])).toBe(hashSet(a.sets[split]));
      expect(hashSet(c.sets[split])).not.toBe(hashSet(a.sets[split]));
      checkSet(a.sets[split]);
    }
  });

  it('downloads under 10 MB of shards with default options', async () => {
    const fresh = testStore();
    for (const need of bench.needs(resolveOptions(bench)))
      await fresh.classImages(need.dataset, 'benchmark', need.classIndex);
    expect(fresh.bytesFetched()).toBeLessThan(BUDGET_BYTES);
  });

  it('has disjoint splits and only benchmark-partition images', async () => {
    const d = await loadBenchmark(bench, store, { ...SMALL, seed: 3 });
    const all = [...d.provenance.train, ...d.provenance.idVal, ...d.provenance.ood];
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(parseBaseImageId(id).partition).toBe('benchmark');
    expect(d.provenance.train.length).toBe(d.sets.train.n);
  });

  it('makes smaller training sets prefixes of larger ones and keeps evaluation fixed', async () => {
    const small = await loadBenchmark(bench, store, { ...SMALL, trainPerClass: 5, seed: 4 });
    const large = await loadBenchmark(bench, store, { ...SMALL, trainPerClass: 40, seed: 4 });
    const big = new Set(large.provenance.train);
    for (const id of small.provenance.train) expect(big.has(id)).toBe(true);
    expect(hashSet(small.sets.ood)).toBe(hashSet(large.sets.ood));
    expect(hashSet(small.sets.idVal)).toBe(hashSet(large.sets.idVal));
  });

  it('picks a class subset, relabelled 0..k-1', async () => {
    const d = await loadBenchmark(bench, store, { ...SMALL, seed: 5, classes: [1, 0] });
    const full = await loadBenchmark(bench, store, { ...SMALL, seed: 5 });
    expect(d.sets.train.numClasses).toBe(2);
    expect(d.sets.train.classNames).toEqual([
      full.sets.train.classNames?.[1],
      full.sets.train.classNames?.[0],
    ]);
    // Same images as the full build's classes 1 and 0, nothing else.
    const kept = new Set(
      Array.from(full.provenance.train).filter(
        (_, i) => (full.sets.train.labels[i] as number) <= 1,
      ),
    );
    expect(new Set(d.provenance.train)).toEqual(kept);
    expect(new Set(d.sets.train.labels)).toEqual(new Set([0, 1]));
    expect(d.provenance.ood.length).toBe(d.sets.ood.n);
  });

  it('rejects bad options with a readable message', async () => {
    await expect(loadBenchmark(bench, store, { strength: 2 })).rejects.toThrow(/strength/);
    await expect(loadBenchmark(bench, store, { classes: [0] })).rejects.toThrow(/at least 2/);
    await expect(loadBenchmark(bench, store, { params: { nope: 1 } })).rejects.toThrow(
      /unknown param/,
    );
  });
});

it('the registry has the five benchmarks of the paper', () => {
  expect(Object.keys(BENCHMARKS).sort()).toEqual([
    'acquisition',
    'region',
    'spurious',
    'style',
    'subpopulation',
  ]);
  for (const b of Object.values(BENCHMARKS)) {
    expect(b.card.shift.length).toBeGreaterThan(20);
    expect(b.card.strength.length).toBeGreaterThan(20);
  }
  expect(countBy(new Int32Array([0, 1, 1]), 2)).toEqual([1, 2]);
});
