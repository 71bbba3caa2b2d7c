import type { DataRng } from '../data-rng';
import { PIXELS, RGB_LENGTH, SIZE, newRgb, type Rgb, type RgbImage } from './rgb-image';

/**
 * Separable [1, 2, 1] / 4 blur with clamped edges, `passes` times (2 passes ~ Gaussian with
 * sigma 1). Models a defocused scanner or a soft painting.
 */
export function blur(img: RgbImage, passes: number): RgbImage {
  let src = img;
  for (let pass = 0; pass < passes; pass++) {
    const tmp = newRgb();
    const out = newRgb();
    const clamp = (v: number): number => (v < 0 ? 0 : v >= SIZE ? SIZE - 1 : v);
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        for (let k = 0; k < 3; k++) {
          const l = src[(y * SIZE + clamp(x - 1)) * 3 + k] as number;
          const c = src[(y * SIZE + x) * 3 + k] as number;
          const r = src[(y * SIZE + clamp(x + 1)) * 3 + k] as number;
          tmp[(y * SIZE + x) * 3 + k] = (l + 2 * c + r) / 4;
        }
      }
    }
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        for (let k = 0; k < 3; k++) {
          const u = tmp[(clamp(y - 1) * SIZE + x) * 3 + k] as number;
          const c = tmp[(y * SIZE + x) * 3 + k] as number;
          const d = tmp[(clamp(y + 1) * SIZE + x) * 3 + k] as number;
          out[(y * SIZE + x) * 3 + k] = (u + 2 * c + d) / 4;
        }
      }
    }
    src = out;
  }
  return src;
}

/** Adds independent per-channel noise of standard deviation `sigma` grey levels, in place. */
export function addNoise(img: RgbImage, sigma: number, rng: DataRng): RgbImage {
  if (sigma <= 0) return img;
  for (let i = 0; i < RGB_LENGTH; i++) img[i] = (img[i] as number) + rng.normal() * sigma;
  return img;
}

/** Scales distance from `mid` by `factor` (<1 = washed out, >1 = punchy), then adds `brightness`, in place. */
export function contrast(img: RgbImage, factor: number, brightness = 0, mid = 128): RgbImage {
  for (let i = 0; i < RGB_LENGTH; i++)
    img[i] = mid + ((img[i] as number) - mid) * factor + brightness;
  return img;
}

/**
 * Per-pixel colour transform out = M * rgb + bias, in place. M is row-major [3, 3]. A stain
 * or white-balance difference between scanners is such a matrix.
 */
export function colourMatrix(img: RgbImage, m: readonly number[], bias: Rgb = [0, 0, 0]): RgbImage {
  for (let p = 0; p < PIXELS; p++) {
    const r = img[p * 3] as number;
    const g = img[p * 3 + 1] as number;
    const b = img[p * 3 + 2] as number;
    for (let k = 0; k < 3; k++) {
      img[p * 3 + k] =
        (m[k * 3] as number) * r +
        (m[k * 3 + 1] as number) * g +
        (m[k * 3 + 2] as number) * b +
        (bias[k] as number);
    }
  }
  return img;
}

/** 255 - v on every channel, in place. */
export function invert(img: RgbImage): RgbImage {
  for (let i = 0; i < RGB_LENGTH; i++) img[i] = 255 - (img[i] as number);
  return img;
}

/**
 * Sobel gradient magnitude of a grey image, scaled to [0, 1] by the image's own maximum:
 * the outline a sketch artist would draw. grey: [28, 28] uint8 -> [28 * 28].
 */
export function edges(grey: Uint8Array): Float64Array {
  const g = (x: number, y: number): number =>
    x < 0 || y < 0 || x >= SIZE || y >= SIZE ? 0 : (grey[y * SIZE + x] as number);
  const out = new Float64Array(PIXELS);
  let max = 1e-9;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const gx =
        g(x + 1, y - 1) +
        2 * g(x + 1, y) +
        g(x + 1, y + 1) -
        g(x - 1, y - 1) -
        2 * g(x - 1, y) -
        g(x - 1, y + 1);
      const gy =
        g(x - 1, y + 1) +
        2 * g(x, y + 1) +
        g(x + 1, y + 1) -
        g(x - 1, y - 1) -
        2 * g(x, y - 1) -
        g(x + 1, y - 1);
      const m = Math.sqrt(gx * gx + gy * gy);
      out[y * SIZE + x] = m;
      if (m > max) max = m;
    }
  }
  for (let p = 0; p < PIXELS; p++) out[p] = (out[p] as number) / max;
  return out;
}
