import type { SplitSets } from '../../../src/core/image-set';
import { sha256Hex } from '../../../src/data/shards/sha256';

/** sha256 over every split's pixels, labels and groups: one string to compare across runtimes. */
export async function splitsDigest(sets: SplitSets): Promise<string> {
  const parts: Uint8Array[] = [];
  for (const s of [sets.train, sets.idVal, sets.ood]) {
    parts.push(s.pixels, new Uint8Array(s.labels.buffer, s.labels.byteOffset, s.labels.byteLength));
    if (s.groups !== undefined)
      parts.push(new Uint8Array(s.groups.buffer, s.groups.byteOffset, s.groups.byteLength));
  }
  const all = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return sha256Hex(all);
}

export const CHECK_OPTIONS = {
  seed: 7,
  trainPerClass: 30,
  valPerClass: 10,
  oodPerClass: 10,
} as const;
