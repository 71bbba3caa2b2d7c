/**
 * Seeded pseudo-random numbers (SplitMix32-style mixing + Mulberry32 stepping).
 *
 * Why our own: tfjs random ops are not reproducible across backends, and runs must be
 * "same seed, same run" in Node, in the worker and in tests. An Rng is always passed in
 * explicitly; there is no global generator.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    // Mix the seed so that nearby seeds give unrelated streams.
    this.state = mix32(seed >>> 0) || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + MULBERRY32_STEP) | 0;
    return mulberry32(this.state);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log is finite
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Normal truncated to [-2, 2] standard deviations (timm's trunc_normal_ default range). */
  truncNormal(): number {
    for (;;) {
      const z = this.normal();
      if (z >= -2 && z <= 2) return z;
    }
  }

  /** Fisher-Yates shuffle in place; returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  }

  /** An independent child stream, e.g. one for init and one for batch order. */
  fork(tag: number): Rng {
    return new Rng(mix32((this.state ^ Math.imul(tag + 1, 0x85ebca6b)) >>> 0));
  }
}

function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Mulberry32's increment: each draw adds it to the 32-bit state, then mixes (mulberry32). */
export const MULBERRY32_STEP = 0x6d2b79f5;

/**
 * Mulberry32's output for a state already advanced by MULBERRY32_STEP: a uniform in [0, 1) with
 * 32 bits of resolution. Integer ops only (Math.imul, shifts), so it is bit-identical in every JS
 * engine; the engine's Rng and the data generator (src/data/data-rng.ts) both step with it.
 */
export function mulberry32(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
