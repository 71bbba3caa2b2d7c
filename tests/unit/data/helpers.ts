/** Shared test helpers for the data suite (not a test file itself). */
import { createHash } from 'node:crypto';
import type { ImageSet } from '../../../src/core/image-set';
import { nodeByteSource } from '../../../src/data/node-source';
import { createShardStore, type ShardStore } from '../../../src/data/shards/shard-store';

/** sha256 over pixels, labels and groups: "same bytes". */
export function hashSet(set: ImageSet): string {
  const h = createHash('sha256');
  h.update(set.pixels);
  h.update(new Uint8Array(set.labels.buffer, set.labels.byteOffset, set.labels.byteLength));
  if (set.groups !== undefined)
    h.update(new Uint8Array(set.groups.buffer, set.groups.byteOffset, set.groups.byteLength));
  return h.digest('hex');
}

/** Images per value of `values` (labels or groups), [k]. */
export function countBy(values: Int32Array, k: number): number[] {
  const out = new Array<number>(k).fill(0);
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** A store over the committed public/data; skip verification in tests that do not need it. */
export function testStore(verify = false): ShardStore {
  return createShardStore(nodeByteSource(), { verify });
}

/** Mean of one channel over pixels where `keep(i)` holds, [3]. */
export function meanRgb(
  set: ImageSet,
  keep: (i: number) => boolean = () => true,
): [number, number, number] {
  const s = [0, 0, 0];
  let n = 0;
  const px = set.height * set.width;
  for (let i = 0; i < set.n; i++) {
    if (!keep(i)) continue;
    n += px;
    for (let p = 0; p < px; p++)
      for (let k = 0; k < 3; k++)
        s[k] = (s[k] as number) + (set.pixels[(i * px + p) * 3 + k] as number);
  }
  return [(s[0] as number) / n, (s[1] as number) / n, (s[2] as number) / n];
}
