/** Node-side loading for the experiment CLI: the shipped checkpoints and the benchmarks. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { verifySha256 } from '../../core/checkpoint/sha256';
import { getBenchmark } from '../../data/benchmarks/benchmark-registry';
import { loadBenchmark } from '../../data/benchmarks/load-benchmark';
import type { BenchmarkData } from '../../data/benchmarks/types';
import type { PartialOptions } from '../../data/benchmarks/options';
import { createShardStore, type ShardStore } from '../../data/shards/shard-store';
import { nodeByteSource } from '../../data/node-source';
import type { CheckpointEntry } from './run-one';

export const MODELS_DIR = fileURLToPath(new URL('../../../public/models/', import.meta.url));

export async function loadManifest(dir = MODELS_DIR): Promise<CheckpointEntry[]> {
  const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
    models: CheckpointEntry[];
  };
  return m.models;
}

/** A shipped checkpoint's bytes, refused unless they have the manifest's SHA-256. */
export async function checkpointBytes(
  entry: CheckpointEntry,
  dir = MODELS_DIR,
): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(join(dir, entry.file)));
  if (entry.sha256) await verifySha256(bytes, entry.sha256, entry.file);
  return bytes;
}

/**
 * A benchmark as the matrix names it: `acquisition`, or a variant at another shift strength,
 * `acquisition-s10` = strength 1.0 (tenths), the name the PyTorch twin gives the same sets
 * (export-sets.ts --tag s10 --strength 1.0; matrix.py --data-tag s10).
 */
export function parseVariant(bench: string): { name: string; options: { strength?: number } } {
  const m = /^(.+)-s(\d{1,2})$/.exec(bench);
  if (!m) return { name: bench, options: {} };
  const tenths = Number(m[2]);
  if (tenths > 10) throw new Error(`benchmark "${bench}": strength s${m[2]} is over s10 (1.0)`);
  return { name: m[1] as string, options: { strength: tenths / 10 } };
}

/** Benchmarks by name and options, built once per process from one shard store. */
export class BenchmarkCache {
  private readonly store: ShardStore = createShardStore(nodeByteSource());
  private readonly cache = new Map<string, Promise<BenchmarkData>>();

  get(name: string, options: PartialOptions = {}): Promise<BenchmarkData> {
    const key = `${name}|${JSON.stringify(options)}`;
    let p = this.cache.get(key);
    if (!p) {
      p = loadBenchmark(getBenchmark(name), this.store, { seed: 0, ...options });
      this.cache.set(key, p);
    }
    return p;
  }
}
