/**
 * The pixel cap: an image is refused from its header alone when it has more pixels than this,
 * before any decoder runs (a 389 kB PNG of 20000x20000 pixels took 8.1 s and 1.6 GB to decode).
 */
import { readImageSize } from './image-size';

/**
 * 25 megapixels: a 6000x4000 camera photo decodes (about 100 MB of RGBA); a 20000x20000 PNG of
 * 389 kB would have taken 1.6 GB and seconds, for a picture that becomes 28x28.
 */
export const DEFAULT_MAX_PIXELS = 25_000_000;

/** 25010001 -> "25,010,001", the same in every locale (the report is compared in tests). */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * Why an image is not decoded at all, from its header alone; null when it may be. Exact counts:
 * rounding to megapixels made 25,010,001 read as "25 megapixels is more than the 25 megapixels".
 */
export function refuseBeforeDecoding(
  bytes: Uint8Array,
  maxPixels: number = DEFAULT_MAX_PIXELS,
): string | null {
  const size = readImageSize(bytes);
  if (size === null) return 'not a PNG, JPEG or WebP image (its first bytes say otherwise)';
  const pixels = size.width * size.height;
  if (pixels <= maxPixels) return null;
  return `${size.width} x ${size.height} = ${grouped(pixels)} pixels, over the cap of ${grouped(maxPixels)} an image may have here; shrink it first (it becomes 28x28 anyway)`;
}
