import type { DataRng } from '../data-rng';
import { PIXELS, newRgb, type Rgb, type RgbImage } from './rgb-image';

/**
 * Colours a grey base image: ink where the digit/garment is, paper elsewhere.
 * out = paper + (ink - paper) * g / 255, per pixel. `paper` may be an image (textured paper)
 * or a flat colour. grey: [28, 28] uint8.
 */
export function inkOnPaper(grey: Uint8Array, ink: Rgb, paper: Rgb | RgbImage): RgbImage {
  const out = newRgb();
  const flat = paper.length === 3;
  for (let p = 0; p < PIXELS; p++) {
    const a = (grey[p] as number) / 255;
    for (let k = 0; k < 3; k++) {
      const bg = flat ? (paper[k] as number) : (paper[p * 3 + k] as number);
      out[p * 3 + k] = bg + ((ink[k] as number) - bg) * a;
    }
  }
  return out;
}

/**
 * HSV -> RGB (0..255) with h, s, v in [0, 1). Piecewise linear, so no trigonometry (see
 * rgb-image.ts on why we avoid Math.sin and friends).
 */
export function hsv(h: number, s: number, v: number): Rgb {
  const h6 = (h - Math.floor(h)) * 6;
  const i = Math.floor(h6);
  const f = h6 - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  const [r, g, b] =
    i === 0
      ? [v, t, p]
      : i === 1
        ? [q, v, p]
        : i === 2
          ? [p, v, t]
          : i === 3
            ? [p, q, v]
            : i === 4
              ? [t, p, v]
              : [v, p, q];
  return [r * 255, g * 255, b * 255];
}

/** A random colour with saturation and value in the given ranges. */
export function randomColour(
  rng: DataRng,
  s: readonly [number, number],
  v: readonly [number, number],
): Rgb {
  return hsv(rng.next(), rng.range(s[0], s[1]), rng.range(v[0], v[1]));
}

/** Mean of each channel over the image: [3]. Used by tests and cards to show a shift. */
export function meanColour(pixels: Uint8Array, n: number): Rgb {
  const sum = [0, 0, 0];
  for (let i = 0; i < n * PIXELS; i++) {
    for (let k = 0; k < 3; k++) sum[k] = (sum[k] as number) + (pixels[i * 3 + k] as number);
  }
  const d = Math.max(1, n * PIXELS);
  return [(sum[0] as number) / d, (sum[1] as number) / d, (sum[2] as number) / d];
}
