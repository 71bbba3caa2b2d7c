/**
 * Seeded random numbers for data generation.
 *
 * Why our own: benchmarks must come out byte-identical in Node and in the browser worker, so
 * the generator uses only 32-bit integer ops (Math.imul, shifts) and the derived helpers use
 * only +, -, *, / and floor. No Math.log/sin/exp: those may differ in the last bit between JS
 * engines, and one flipped bit can change a rounded pixel.
 *
 * State lives in the closure of each generator; nothing is shared between generators.
 */
import { mulberry32, MULBERRY32_STEP } from '../core/rng';

export interface DataRng {
  /** Uniform float in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform float in [lo, hi). */
  range(lo: number, hi: number): number;
  /**
   * Approximately standard normal: Irwin-Hall sum of 4 uniforms, rescaled to variance 1.
   * Bounded to about +-3.46, which is what we want for pixel noise (no wild outliers).
   */
  normal(): number;
}

/** mulberry32 (the engine's generator, core/rng.ts), seeded with the raw seed: tiny, fast, good enough statistics for shuffling and pixel noise. */
export function createRng(seed: number): DataRng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + MULBERRY32_STEP) >>> 0;
    return mulberry32(a);
  };
  // sqrt(12 / 4) = sqrt(3): the sum of 4 U(0,1) has variance 4/12.
  const SQRT3 = 1.7320508075688772;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + (hi - lo) * next(),
    normal: () => (next() + next() + next() + next() - 2) * SQRT3,
  };
}

/**
 * Derives an independent seed from a parent seed and a label (FNV-1a over the label, mixed
 * with the seed), so e.g. the 'train' and 'ood' streams of one benchmark never share draws and
 * adding a new stream does not shift the others.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche (murmur3 fmix32) so nearby labels give unrelated seeds.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A child generator for a named purpose; see deriveSeed. */
export function childRng(seed: number, label: string): DataRng {
  return createRng(deriveSeed(seed, label));
}

/** In-place Fisher-Yates shuffle of an array or typed array; returns the same object. */
export function shuffleInPlace<T, A extends { length: number; [i: number]: T }>(
  items: A,
  rng: DataRng,
): A {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

/** A seeded permutation of 0..n-1. */
export function permutation(n: number, rng: DataRng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  shuffleInPlace(p, rng);
  return p;
}
