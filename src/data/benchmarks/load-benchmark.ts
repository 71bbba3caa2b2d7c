import type { GreyImages } from '../shards/base-images';
import type { ShardStore } from '../shards/shard-store';
import { selectClassesInSplits } from '../subset';
import { resolveOptions, type PartialOptions } from './options';
import type { BaseLookup, Benchmark, BenchmarkData } from './types';

/**
 * Fetches exactly the base classes a benchmark needs (lazily, through the store's cache),
 * builds it, and applies the user's class subset. Works the same in the worker (fetch
 * source) and in Node (fs source).
 */
export async function loadBenchmark(
  bench: Benchmark,
  store: ShardStore,
  partial: PartialOptions = {},
): Promise<BenchmarkData> {
  const options = resolveOptions(bench, partial);
  const needs = bench.needs(options);
  const loaded = new Map<string, GreyImages>();
  await Promise.all(
    needs.map(async (n) => {
      loaded.set(
        `${n.dataset}/${n.classIndex}`,
        await store.classImages(n.dataset, 'benchmark', n.classIndex),
      );
    }),
  );
  const base: BaseLookup = (dataset, classIndex) => {
    const images = loaded.get(`${dataset}/${classIndex}`);
    if (images === undefined)
      throw new Error(
        `benchmark ${bench.name}: build read ${dataset}/${classIndex} but needs() did not list it`,
      );
    return images;
  };
  const data = bench.build(base, options);
  if (options.classes === undefined) return data;
  const { sets, kept } = selectClassesInSplits(data.sets, options.classes);
  const pick = (ids: Int32Array, idx: Int32Array): Int32Array =>
    Int32Array.from(idx, (i) => ids[i] as number);
  return {
    ...data,
    sets,
    provenance: {
      train: pick(data.provenance.train, kept.train),
      idVal: pick(data.provenance.idVal, kept.idVal),
      ood: pick(data.provenance.ood, kept.ood),
    },
  };
}
