/** Loading a benchmark in the worker: shards from the app's own origin (or the user's images). */
import { getBenchmark } from '../data/benchmarks/benchmark-registry';
import { loadBenchmark } from '../data/benchmarks/load-benchmark';
import type { BenchmarkData } from '../data/benchmarks/types';
import type { ByteSource } from '../data/shards/byte-source';
import { createShardStore, type ShardStore } from '../data/shards/shard-store';
import type { DataSource } from '../protocol/messages';
import { BadDataError } from './faults';
import { ownData } from './own-data';

export type Progress = (
  phase: 'download' | 'decode' | 'build',
  message: string,
  fraction: number,
) => void;

/** One store per worker: shards are fetched at most once however often the user reloads. */
export function createWorkerStore(source: ByteSource, progress: Progress): ShardStore {
  let files = 0;
  let bytes = 0;
  return createShardStore(async (path, options) => {
    const b = await source(path, options);
    files++;
    bytes += b.length;
    progress('download', `${files} file(s), ${(bytes / 1e6).toFixed(1)} MB`, 0.5);
    return b;
  });
}

export async function loadData(
  store: ShardStore,
  src: DataSource,
  progress: Progress,
): Promise<BenchmarkData> {
  if (src.images) {
    const data = ownData(src.images, src.seed);
    progress('build', `${data.sets.train.n} of your training images`, 0.9);
    return data;
  }
  let bench;
  try {
    bench = getBenchmark(src.benchmark);
  } catch (e) {
    throw new BadDataError((e as Error).message);
  }
  progress('download', `benchmark ${src.benchmark}`, 0.1);
  const { benchmark: _name, ...opts } = src; // the rest are benchmark options (seed, sizes, classes, strength)
  try {
    const data = await loadBenchmark(bench, store, opts);
    progress('build', `${data.sets.train.n} training images`, 0.9);
    return data;
  } catch (e) {
    throw new BadDataError(`Could not build benchmark ${src.benchmark}: ${(e as Error).message}`);
  }
}
