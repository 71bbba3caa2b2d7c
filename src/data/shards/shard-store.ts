import { baseImageId } from './base-id';
import { BASE_PIXELS, type GreyImages } from './base-images';
import type { ByteSource } from './byte-source';
import { decodeShard } from './decode-shard';
import { MANIFEST_PATH, parseManifest, type DatasetName, type PartitionName, type ShardManifest } from './manifest';
import { sha256Hex } from './sha256';

/**
 * Lazy, memoised access to base images: nothing is downloaded until a benchmark asks for a
 * class, and each shard is fetched at most once per store. The cache lives in this object
 * (one per worker or CLI run), not in the module.
 */
export interface ShardStore {
  manifest(): Promise<ShardManifest>;
  /** All images of one class in one partition, in shard order. */
  classImages(dataset: DatasetName, partition: PartitionName, classIndex: number): Promise<GreyImages>;
  /** Stored bytes fetched so far (what went over the wire, before any HTTP compression). */
  bytesFetched(): number;
}

export interface ShardStoreOptions {
  /** Check each decoded shard against the manifest's SHA-256 (default true; ~1 ms per MB). */
  readonly verify?: boolean;
}

export function createShardStore(source: ByteSource, options: ShardStoreOptions = {}): ShardStore {
  const verify = options.verify ?? true;
  let manifestPromise: Promise<ShardManifest> | undefined;
  const classCache = new Map<string, Promise<GreyImages>>();
  let fetched = 0;

  const manifest = (): Promise<ShardManifest> => {
    manifestPromise ??= source(MANIFEST_PATH).then((bytes) => {
      fetched += bytes.length;
      return parseManifest(JSON.parse(new TextDecoder().decode(bytes)));
    });
    return manifestPromise;
  };

  const load = async (dataset: DatasetName, partition: PartitionName, classIndex: number): Promise<GreyImages> => {
    const m = await manifest();
    const entries = m.shards
      .filter((s) => s.dataset === dataset && s.partition === partition && s.classIndex === classIndex)
      .sort((a, b) => a.start - b.start);
    if (entries.length === 0) throw new Error(`data: no shards for ${dataset}/${partition}/class ${classIndex}`);
    const parts = await Promise.all(
      entries.map(async (e) => {
        const stored = await source(e.file);
        fetched += stored.length;
        const raw = decodeShard(e, stored);
        if (verify && (await sha256Hex(raw)) !== e.rawSha256) {
          throw new Error(`data: shard ${e.file} failed its SHA-256 check (corrupt or stale download)`);
        }
        return raw;
      }),
    );
    const n = entries.reduce((sum, e) => sum + e.count, 0);
    const pixels = new Uint8Array(n * BASE_PIXELS);
    let offset = 0;
    for (const p of parts) {
      pixels.set(p, offset);
      offset += p.length;
    }
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) ids[i] = baseImageId(dataset, partition, classIndex, i);
    return { pixels, ids, n };
  };

  return {
    manifest,
    classImages: (dataset, partition, classIndex) => {
      const key = `${dataset}/${partition}/${classIndex}`;
      let p = classCache.get(key);
      if (p === undefined) {
        p = load(dataset, partition, classIndex);
        classCache.set(key, p);
      }
      return p;
    },
    bytesFetched: () => fetched,
  };
}
