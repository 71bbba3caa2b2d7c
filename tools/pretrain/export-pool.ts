/**
 * `npx tsx tools/pretrain/export-pool.ts [--seed 0] [--heldout 2000] [--bench-seed 0]`
 *
 * Writes, outside git (.cache/), what the PyTorch twin (tools/torch_twin/pretrain) reads:
 *   .cache/pretrain-pool-<seed>.bin + .json   the pretraining pool (buildPretrainPool with this
 *       seed, default options: all reserved images, all looks), split into `train` and a
 *       held-out slice (`heldout`, the last N images of the pool's seeded order) that
 *       pretraining never trains on and reports accuracy on.
 *   .cache/bench-<name>-<benchSeed>.bin + .json  each benchmark's train / idVal / ood splits
 *       (default options), with its augmentation allowance, for the gradient statistic.
 *
 * Binary layout: for each split in the header's order, pixels (uint8, [n, 28, 28, 3], NHWC,
 * 0..255), then labels (uint8, [n]), then groups (uint8, [n]; 0 when a set has none).
 * The JSON header gives offsets, counts, class names and a sha256 of the .bin.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImageSet } from '../../src/core/image-set';
import { loadBenchmark } from '../../src/data/benchmarks/load-benchmark';
import { BENCHMARKS } from '../../src/data/benchmarks/benchmark-registry';
import { nodeByteSource } from '../../src/data/node-source';
import { buildPretrainPool } from '../../src/data/pretrain-pool';
import { createShardStore } from '../../src/data/shards/shard-store';
import { writeSets } from './write-sets';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CACHE_DIR = join(ROOT, '.cache');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a non-negative integer`);
  return v;
}

function slice(set: ImageSet, start: number, end: number): ImageSet {
  const px = set.height * set.width * set.channels;
  return {
    ...set,
    n: end - start,
    pixels: set.pixels.subarray(start * px, end * px),
    labels: set.labels.subarray(start, end),
    groups: set.groups?.subarray(start, end),
  };
}

async function main(): Promise<void> {
  const seed = arg('seed', 0);
  const heldout = arg('heldout', 2000);
  const benchSeed = arg('bench-seed', 0);
  await mkdir(CACHE_DIR, { recursive: true });
  const store = createShardStore(nodeByteSource(), { verify: true });

  const t0 = Date.now();
  const pool = await buildPretrainPool(store, seed);
  const n = pool.set.n;
  if (heldout >= n) throw new Error(`--heldout ${heldout} is not below the pool size ${n}`);
  const header = await writeSets(
    join(CACHE_DIR, `pretrain-pool-${seed}`),
    { train: slice(pool.set, 0, n - heldout), heldout: slice(pool.set, n - heldout, n) },
    {
      kind: 'pretrain-pool',
      builder: 'buildPretrainPool(store, seed) from src/data/pretrain-pool.ts, default options',
      poolSeed: seed,
      poolSize: n,
      heldoutRule: `the last ${heldout} images of the pool's seeded order are held out (never trained on)`,
      partition:
        "only the 'pretrain' partition of public/data: disjoint from every benchmark image",
    },
  );
  process.stderr.write(
    `pool seed ${seed}: ${n} images (${n - heldout} train, ${heldout} held out), ${header.bytes as number} bytes, ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
  );

  for (const bench of Object.values(BENCHMARKS)) {
    const t1 = Date.now();
    const d = await loadBenchmark(bench, store, { seed: benchSeed });
    await writeSets(
      join(CACHE_DIR, `bench-${bench.name}-${benchSeed}`),
      { train: d.sets.train, idVal: d.sets.idVal, ood: d.sets.ood },
      {
        kind: 'benchmark',
        benchmark: bench.name,
        options: { ...d.options, trainPerClass: String(d.options.trainPerClass) },
        augment: d.augment,
      },
    );
    process.stderr.write(
      `benchmark ${bench.name}: train ${d.sets.train.n}, ${d.sets.train.numClasses} classes, ${((Date.now() - t1) / 1000).toFixed(1)} s\n`,
    );
  }
}

await main();
