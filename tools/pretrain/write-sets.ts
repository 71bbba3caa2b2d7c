/**
 * Image sets as one binary file + a JSON header, the format tools/torch_twin/data.py reads
 * (PyTorch side): per split, pixels uint8 [n, 28, 28, 3] NHWC, labels uint8 [n], groups uint8
 * [n], offsets and a sha256 in the header.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { ImageSet } from '../../src/core/image-set';

interface SplitEntry {
  name: string;
  n: number;
  pixelsOffset: number;
  labelsOffset: number;
  groupsOffset: number;
  classCounts: number[];
}

function toU8(values: Int32Array | undefined, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (values === undefined) return out;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v < 0 || v > 255) throw new Error(`value ${v} does not fit a byte`);
    out[i] = v;
  }
  return out;
}

/** Writes <base>.bin and <base>.json; returns the header. */
export async function writeSets(
  base: string,
  splits: Record<string, ImageSet>,
  extra: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const parts: Uint8Array[] = [];
  const entries: SplitEntry[] = [];
  let off = 0;
  for (const [name, set] of Object.entries(splits)) {
    if (set.height !== 28 || set.width !== 28 || set.channels !== 3)
      throw new Error(`${name}: expected 28x28x3`);
    const labels = toU8(set.labels, set.n);
    const groups = toU8(set.groups, set.n);
    const classCounts = new Array<number>(set.numClasses).fill(0);
    for (const l of set.labels) classCounts[l] = (classCounts[l] ?? 0) + 1;
    entries.push({
      name,
      n: set.n,
      pixelsOffset: off,
      labelsOffset: off + set.pixels.length,
      groupsOffset: off + set.pixels.length + set.n,
      classCounts,
    });
    parts.push(set.pixels, labels, groups);
    off += set.pixels.length + 2 * set.n;
  }
  const bin = new Uint8Array(off);
  let p = 0;
  for (const part of parts) {
    bin.set(part, p);
    p += part.length;
  }
  const first = Object.values(splits)[0];
  const header = {
    ...extra,
    layout: 'per split: pixels uint8 [n,28,28,3] NHWC, labels uint8 [n], groups uint8 [n]',
    height: 28,
    width: 28,
    channels: 3,
    numClasses: first?.numClasses,
    classNames: first?.classNames,
    groupNames: first?.groupNames,
    splits: entries,
    bytes: bin.length,
    sha256: createHash('sha256').update(bin).digest('hex'),
  };
  await writeFile(`${base}.bin`, bin);
  await writeFile(`${base}.json`, JSON.stringify(header, null, 2) + '\n');
  return header;
}
