/**
 * The service worker's answer to a dataset shard request: a shard is stored only after its
 * bytes match the data manifest's SHA-256, and a stored copy is checked again each time it is
 * served, so a copy that went bad (stored by an older version of this worker, say: 1,224 bytes
 * of index.html answered with 200 for a missing shard) is dropped and fetched again instead of
 * being served forever.
 *
 *   stored copy matches          -> served from the cache
 *   stored copy does not match   -> deleted; one fetch past the HTTP cache
 *   nothing stored               -> fetched; on a mismatch, once more past the HTTP cache
 *   the network copy still wrong -> passed on, not stored: the training worker's own check
 *                                   then names the shard and says how to recover
 *
 * A request made with `cache: 'reload'` (the shard store's second try) skips the stored copy.
 * No workbox here: the ports are the Cache and fetch APIs, so Node tests can drive it.
 */
import { isShardBytes } from '../data/shards/shard-check';
import type { ShardEntry } from '../data/shards/manifest';

/** The part of the Cache API this uses (a Cache is one). */
export interface ShardCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
}

export type ShardHashes = Pick<ShardEntry, 'sha256' | 'rawSha256'>;

export interface ShardRoutePorts {
  cache(): Promise<ShardCache>;
  fetch(url: string, cache: RequestCache): Promise<Response>;
  /** The manifest's hashes for this URL; undefined when it is not a listed shard. */
  expected(url: string): Promise<ShardHashes | undefined>;
}

async function matches(res: Response, hashes: ShardHashes): Promise<boolean> {
  return isShardBytes(hashes, new Uint8Array(await res.clone().arrayBuffer()));
}

/**
 * A network copy, stored when it matches. `final`: answer with it (it matched, or it is an
 * HTTP error, passed on as it is and never stored); otherwise it is the wrong bytes.
 */
async function fromNetwork(
  url: string,
  mode: RequestCache,
  hashes: ShardHashes,
  ports: ShardRoutePorts,
): Promise<{ res: Response; final: boolean }> {
  const res = await ports.fetch(url, mode);
  if (!res.ok) return { res, final: true };
  if (!(await matches(res, hashes))) return { res, final: false };
  await (await ports.cache()).put(url, res.clone());
  return { res, final: true };
}

export async function serveShard(
  url: string,
  requestCache: RequestCache,
  ports: ShardRoutePorts,
): Promise<Response> {
  const hashes = await ports.expected(url);
  // Not a shard the manifest lists (provenance.json, a typo): the network's answer, not stored.
  if (!hashes) return ports.fetch(url, requestCache);
  let retried = requestCache === 'reload';
  if (!retried) {
    const cache = await ports.cache();
    const stored = await cache.match(url);
    if (stored && (await matches(stored, hashes))) return stored;
    if (stored) {
      await cache.delete(url);
      retried = true; // the stored copy was the first try; its HTTP-cached twin is suspect too
    }
  }
  if (!retried) {
    const first = await fromNetwork(url, requestCache, hashes, ports);
    if (first.final) return first.res;
  }
  // The last try: passed on even when wrong (not stored), for the worker's check to report.
  return (await fromNetwork(url, 'reload', hashes, ports)).res;
}

/** The manifest's hashes of every shard, by absolute URL under `dataRoot`. */
export function shardHashes(
  manifest: { shards?: readonly (ShardHashes & { file: string })[] },
  dataRoot: string,
): Map<string, ShardHashes> {
  return new Map(
    (manifest.shards ?? []).map((s) => [
      new URL(s.file, dataRoot).href,
      { sha256: s.sha256, rawSha256: s.rawSha256 },
    ]),
  );
}
