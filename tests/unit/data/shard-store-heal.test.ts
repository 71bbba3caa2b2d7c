/**
 * The shard store (src/data/shards/shard-store.ts) when a shard arrives wrong: it asks once more
 * past every cache, fails with the shard's name and the way out when that copy is wrong too, and
 * forgets the failure so that the next ask (after the server is fixed) fetches again.
 */
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { nodeByteSource } from '../../../src/data/node-source';
import type { ByteSource } from '../../../src/data/shards/byte-source';
import { SHARD_RECOVERY } from '../../../src/data/shards/shard-check';
import { createShardStore } from '../../../src/data/shards/shard-store';

const SHARD = 'mnist-benchmark-c3-0.bin.gz';
const INDEX_HTML = new TextEncoder().encode(
  '<!doctype html><html><head><title>Fine-Tune Playground</title></head></html>',
);

/** public/data, except that SHARD is answered with index.html while `poisoned(fresh)` says so; logs each ask. */
function source(poisoned: (fresh: boolean) => boolean, asks: string[]): ByteSource {
  const disk = nodeByteSource();
  return async (path, options) => {
    const fresh = options?.fresh ?? false;
    if (path === SHARD) asks.push(fresh ? 'fresh' : 'default');
    return path === SHARD && poisoned(fresh) ? INDEX_HTML : disk(path, options);
  };
}

describe('shard store: a wrong shard is fetched again once, then named with the way out', () => {
  it('heals when the fresh copy is right (a stale cache in front of a fixed server)', async () => {
    const asks: string[] = [];
    const store = createShardStore(source((fresh) => !fresh, asks));
    const images = await store.classImages('mnist', 'benchmark', 3);
    expect(images.n).toBeGreaterThan(0);
    expect(asks).toEqual(['default', 'fresh']);
  });

  it('fails with the file, what was wrong and how to recover when both copies are wrong; asks again after', async () => {
    const asks: string[] = [];
    let broken = true;
    const store = createShardStore(source(() => broken, asks));
    const failure = store.classImages('mnist', 'benchmark', 3);
    await expect(failure).rejects.toThrow(
      `data: shard ${SHARD} is damaged (decoded to ${INDEX_HTML.length} bytes`,
    );
    await expect(failure).rejects.toThrow(SHARD_RECOVERY);
    expect(SHARD_RECOVERY).toMatch(
      /Reload the page.*clear this site's stored data.*Site settings > Delete data/,
    );
    expect(asks).toEqual(['default', 'fresh']);
    // The server is fixed: the same store (the same worker) fetches again instead of keeping the failure.
    broken = false;
    expect((await store.classImages('mnist', 'benchmark', 3)).n).toBeGreaterThan(0);
    expect(asks).toEqual(['default', 'fresh', 'default']);
  });

  it('a shard of the right size whose pixels fail the SHA-256 is refused the same way', async () => {
    const disk = nodeByteSource();
    const flipped: ByteSource = async (path, options) => {
      const b = await disk(path, options);
      if (path !== SHARD) return b;
      const raw = gunzipSync(b);
      raw[100] = (raw[100] as number) ^ 0xff; // one pixel changed, same length
      return raw;
    };
    await expect(createShardStore(flipped).classImages('mnist', 'benchmark', 3)).rejects.toThrow(
      /is damaged \(failed its SHA-256 check; \d+ bytes received\).*Reload the page/,
    );
  });
});
