/**
 * Lays out images from ImageSets as a PNG contact sheet: one band per labelled row group
 * (e.g. 'ID train', 'OOD'), images scaled up by an integer factor, separated by gaps.
 */
import { encode } from 'fast-png';
import type { ImageSet } from '../../src/core/image-set';

export interface GridRow {
  readonly set: ImageSet;
  /** Which images, in order. */
  readonly indices: readonly number[];
}

export function sampleGridPng(
  rows: readonly GridRow[],
  columns: number,
  scale = 2,
  gap = 2,
): Uint8Array {
  const first = rows[0]?.set;
  if (first === undefined) throw new Error('sampleGridPng: no rows');
  const cell = first.height * scale + gap;
  const width = columns * cell + gap;
  const height = rows.length * cell + gap;
  const out = new Uint8Array(width * height * 3).fill(255); // [height, width, 3], white gaps
  rows.forEach((row, r) => {
    row.indices.slice(0, columns).forEach((idx, col) => {
      const s = row.set;
      for (let y = 0; y < s.height * scale; y++) {
        for (let x = 0; x < s.width * scale; x++) {
          const src =
            ((idx * s.height + Math.floor(y / scale)) * s.width + Math.floor(x / scale)) *
            s.channels;
          const dst = ((gap + r * cell + y) * width + gap + col * cell + x) * 3;
          for (let k = 0; k < 3; k++)
            out[dst + k] = s.pixels[src + (s.channels === 3 ? k : 0)] as number;
        }
      }
    });
  });
  return encode({ width, height, data: out, channels: 3, depth: 8 });
}

/** The first `perClass` images of each class, class by class: a readable row order. */
export function firstPerClass(set: ImageSet, perClass: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < set.numClasses; c++) {
    let k = 0;
    for (let i = 0; i < set.n && k < perClass; i++) {
      if (set.labels[i] === c) {
        out.push(i);
        k++;
      }
    }
  }
  return out;
}
