/**
 * Working image for rendering: Float64Array [28, 28, 3] (HWC), values nominally 0..255 but
 * allowed to overshoot until toBytes clamps. Every transform uses only +, -, *, /, sqrt,
 * floor and round, which IEEE 754 makes identical in every JS engine, so a benchmark comes
 * out byte-for-byte the same in Node and in any browser.
 */
import { BASE_PIXELS, BASE_SIZE } from '../shards/base-images';

export type RgbImage = Float64Array;
export type Rgb = readonly [number, number, number];

export const SIZE = BASE_SIZE;
export const PIXELS = BASE_PIXELS;
export const RGB_LENGTH = BASE_PIXELS * 3;

export function newRgb(): RgbImage {
  return new Float64Array(RGB_LENGTH);
}

/** Fills with one colour. */
export function fill(colour: Rgb, out: RgbImage = newRgb()): RgbImage {
  for (let p = 0; p < PIXELS; p++) {
    out[p * 3] = colour[0];
    out[p * 3 + 1] = colour[1];
    out[p * 3 + 2] = colour[2];
  }
  return out;
}

/** Rounds and clamps into `out` at `offset` (e.g. an ImageSet's pixels at image i). */
export function writeBytes(img: RgbImage, out: Uint8Array, offset: number): void {
  for (let i = 0; i < RGB_LENGTH; i++) {
    const v = Math.round(img[i] as number);
    out[offset + i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}

/** a + (b - a) * t per channel, into a new image. */
export function lerpImages(a: RgbImage, b: RgbImage, t: number): RgbImage {
  const out = newRgb();
  for (let i = 0; i < RGB_LENGTH; i++)
    out[i] = (a[i] as number) + ((b[i] as number) - (a[i] as number)) * t;
  return out;
}

export function lerpRgb(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
