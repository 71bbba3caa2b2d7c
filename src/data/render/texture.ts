import type { DataRng } from '../data-rng';
import { PIXELS, SIZE, newRgb, type Rgb, type RgbImage } from './rgb-image';

/**
 * Smooth random field in [0, 1]: a (cells+1)^2 lattice of uniform values, interpolated with
 * smoothstep (polynomial, engine-independent). Few cells = large blotches (paper, land);
 * many = fine grain (canvas). Returns [28 * 28].
 */
export function valueNoise(rng: DataRng, cells: number): Float64Array {
  const m = cells + 1;
  const lattice = new Float64Array(m * m);
  for (let i = 0; i < lattice.length; i++) lattice[i] = rng.next();
  const out = new Float64Array(PIXELS);
  const at = (x: number, y: number): number => lattice[y * m + x] as number;
  for (let y = 0; y < SIZE; y++) {
    const fy = ((y + 0.5) / SIZE) * cells;
    const y0 = Math.floor(fy);
    const ty = fy - y0;
    const sy = ty * ty * (3 - 2 * ty);
    for (let x = 0; x < SIZE; x++) {
      const fx = ((x + 0.5) / SIZE) * cells;
      const x0 = Math.floor(fx);
      const tx = fx - x0;
      const sx = tx * tx * (3 - 2 * tx);
      const top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * sx;
      const bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * sx;
      out[y * SIZE + x] = top + (bottom - top) * sy;
    }
  }
  return out;
}

/**
 * Wavy horizontal bands in [0, 1] (a triangle wave, no sin): period in pixels, a random phase,
 * and a slow random wobble so the bands look like ripples rather than rulings. [28 * 28]
 */
export function ripples(rng: DataRng, period: number): Float64Array {
  const wobble = valueNoise(rng, 2);
  const phase = rng.next() * period;
  const out = new Float64Array(PIXELS);
  for (let p = 0; p < PIXELS; p++) {
    const y = Math.floor(p / SIZE);
    const u = (y + phase + (wobble[p] as number) * period) / period;
    const f = u - Math.floor(u);
    out[p] = f < 0.5 ? f * 2 : 2 - f * 2;
  }
  return out;
}

/**
 * A textured colour field: base colour modulated by `field` (in [0, 1]) with the given
 * amplitude in grey levels: out = base + (field - 0.5) * 2 * amplitude * tintDirection.
 * `accent` says which way the texture moves the colour (e.g. darker green for grass).
 */
export function texturedField(
  base: Rgb,
  accent: Rgb,
  field: Float64Array,
  amount: number,
): RgbImage {
  const out = newRgb();
  for (let p = 0; p < PIXELS; p++) {
    const t = ((field[p] as number) - 0.5) * 2 * amount; // in [-amount, amount]
    for (let k = 0; k < 3; k++)
      out[p * 3 + k] = (base[k] as number) + ((accent[k] as number) - (base[k] as number)) * t;
  }
  return out;
}
