/**
 * Training-time augmentation on uint8 NHWC batches: random crop with padding and horizontal
 * flip, both optional and seeded. Padding replicates edge pixels rather than adding black
 * borders: benchmarks with tinted backgrounds would otherwise gain a border cue.
 */
import type { DataRng } from './data-rng';

export interface AugmentOptions {
  /** Pixels of padding before a random crop back to the original size; 0 = no crop. */
  readonly cropPadding: number;
  /** Mirror left-right with probability 1/2. Leave off for digits and text. */
  readonly flip: boolean;
}

/**
 * pixels: [n, h, w, c] uint8. Returns a new array of the same shape; the input is untouched.
 * Draws 3 numbers per image from `rng` whatever the options, so turning flips on or off
 * does not change which crops the other images get.
 */
export function augmentBatch(
  pixels: Uint8Array,
  n: number,
  h: number,
  w: number,
  c: number,
  options: AugmentOptions,
  rng: DataRng,
): Uint8Array {
  const out = new Uint8Array(n * h * w * c);
  const pad = options.cropPadding;
  const clamp = (v: number, size: number): number => (v < 0 ? 0 : v >= size ? size - 1 : v);
  for (let i = 0; i < n; i++) {
    const dx = rng.int(2 * pad + 1) - pad;
    const dy = rng.int(2 * pad + 1) - pad;
    const flip = rng.next() < 0.5 && options.flip;
    const base = i * h * w * c;
    for (let y = 0; y < h; y++) {
      const sy = clamp(y + dy, h);
      for (let x = 0; x < w; x++) {
        const sx = clamp((flip ? w - 1 - x : x) + dx, w);
        const src = base + (sy * w + sx) * c;
        const dst = base + (y * w + x) * c;
        for (let k = 0; k < c; k++) out[dst + k] = pixels[src + k] as number;
      }
    }
  }
  return out;
}
