import { baseImageId } from './base-id';
import { BASE_PIXELS, type GreyImages } from './base-images';
import type { ByteSource } from './byte-source';
import { decodeShard } from './decode-shard';
import {
  MANIFEST_PATH,
  parseManifest,
  type DatasetName,
  type PartitionName,
  type ShardEntry,
  type ShardManifest,
} from './manifest';
import { sha256Hex } from './sha256';
import { SHARD_RECOVERY } from './shard-check';

/**
 * Lazy, memoised access to base images: nothing is downloaded until a benchmark asks for a
 * class, and each shard is fetched at most once per store (a failed class is forgotten, so
 * asking again fetches again). The cache lives in this object (one per worker or CLI run), not
 * in the module.
 */
export interface ShardStore {
  manifest(): Promise<ShardManifest>;
  /** All images of one class in one partition, in shard order. */
  classImages(
    dataset: DatasetName,
    partition: PartitionName,
    classIndex: number,
  ): Promise<GreyImages>;
  /** Stored bytes fetched so far (what went over the wire, before any HTTP compression). */
  bytesFetched(): number;
}

export interface ShardStoreOptions {
  /** Check each decoded shard against the manifest's SHA-256 (default true; ~1 ms per MB). */
  readonly verify?: boolean;
}

/**
 * Loads one shard through `source` and checks it (`count` is told every byte fetched). A shard
 * whose bytes are wrong (a stale cache, an index.html served for a missing file) is fetched once
 * more past every cache before the load fails with what the user can do.
 */
function shardLoader(
  source: ByteSource,
  verify: boolean,
  count: (bytes: number) => void,
): (e: ShardEntry) => Promise<Uint8Array> {
  /** The shard's raw pixels, or why its bytes are not the shard (wrong size, not gzip, bad hash). */
  const check = async (e: ShardEntry, stored: Uint8Array): Promise<Uint8Array | string> => {
    let raw: Uint8Array;
    try {
      raw = decodeShard(e, stored);
    } catch (err) {
      return (err as Error).message.replace(/^data: shard \S+ /, '');
    }
    if (verify && (await sha256Hex(raw)) !== e.rawSha256) return 'failed its SHA-256 check';
    return raw;
  };

  /** Fetches one shard (`fresh`: past every cache) and checks it: its pixels, or what is wrong. */
  const fetchChecked = async (e: ShardEntry, fresh: boolean): Promise<Uint8Array | string> => {
    const stored = await source(e.file, { fresh });
    count(stored.length);
    const result = await check(e, stored);
    return typeof result === 'string' ? `${result}; ${stored.length} bytes received` : result;
  };

  return async (e: ShardEntry): Promise<Uint8Array> => {
    const first = await fetchChecked(e, false);
    if (typeof first !== 'string') return first;
    const again = await fetchChecked(e, true);
    if (typeof again !== 'string') return again;
    throw new Error(
      `data: shard ${e.file} is damaged (${first}), also when fetched again past every cache. ${SHARD_RECOVERY}`,
    );
  };
}

/** One class's shards' pixels, in order, as one GreyImages with each image's stable id. */
function joinClass(
  parts: readonly Uint8Array[],
  n: number,
  dataset: DatasetName,
  partition: PartitionName,
  classIndex: number,
): GreyImages {
  const pixels = new Uint8Array(n * BASE_PIXELS);
  let offset = 0;
  for (const p of parts) {
    pixels.set(p, offset);
    offset += p.length;
  }
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = baseImageId(dataset, partition, classIndex, i);
  return { pixels, ids, n };
}

export function createShardStore(source: ByteSource, options: ShardStoreOptions = {}): ShardStore {
  let manifestPromise: Promise<ShardManifest> | undefined;
  const classCache = new Map<string, Promise<GreyImages>>();
  let fetched = 0;
  const loadShard = shardLoader(source, options.verify ?? true, (bytes) => {
    fetched += bytes;
  });

  const manifest = (): Promise<ShardManifest> => {
    manifestPromise ??= source(MANIFEST_PATH).then((bytes) => {
      fetched += bytes.length;
      return parseManifest(JSON.parse(new TextDecoder().decode(bytes)));
    });
    return manifestPromise;
  };

  const load = async (
    dataset: DatasetName,
    partition: PartitionName,
    classIndex: number,
  ): Promise<GreyImages> => {
    const m = await manifest();
    const entries = m.shards
      .filter(
        (s) => s.dataset === dataset && s.partition === partition && s.classIndex === classIndex,
      )
      .sort((a, b) => a.start - b.start);
    if (entries.length === 0)
      throw new Error(`data: no shards for ${dataset}/${partition}/class ${classIndex}`);
    const parts = await Promise.all(entries.map(loadShard));
    return joinClass(
      parts,
      entries.reduce((sum, e) => sum + e.count, 0),
      dataset,
      partition,
      classIndex,
    );
  };

  return {
    manifest,
    classImages: (dataset, partition, classIndex) => {
      const key = `${dataset}/${partition}/${classIndex}`;
      let p = classCache.get(key);
      if (p === undefined) {
        p = load(dataset, partition, classIndex);
        classCache.set(key, p);
        // A failure is not kept: the next ask fetches again (after the server is fixed, say).
        p.catch(() => classCache.delete(key));
      }
      return p;
    },
    bytesFetched: () => fetched,
  };
}
