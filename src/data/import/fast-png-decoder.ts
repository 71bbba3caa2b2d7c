/**
 * PNG decoder in pure JS (fast-png), for Node (tests, CLI imports) and as a fallback anywhere.
 * JPEG and WebP are refused with a message saying to use the browser import or convert.
 */
import { convertIndexedToRgb, decode } from 'fast-png';
import type { DecodedImage, ImageDecoder } from './decoder';

export const decodePngFast: ImageDecoder = async (bytes, path) => {
  if (!/\.png$/i.test(path)) throw new Error('only PNG can be decoded here (JPEG and WebP import in the browser)');
  const png = decode(bytes);
  const { width, height } = png;
  const data = png.palette !== undefined ? convertIndexedToRgb(png) : png.data;
  const channels = png.palette !== undefined ? data.length / (width * height) : png.channels;
  // 16-bit PNGs: keep the high byte.
  const shift = png.palette === undefined && png.depth === 16 ? 8 : 0;
  const depthScale = png.palette === undefined && png.depth < 8 ? 255 / ((1 << png.depth) - 1) : 1;
  const rgba = new Uint8Array(width * height * 4); // [h, w, 4]
  for (let p = 0; p < width * height; p++) {
    const at = (k: number): number => Math.round(((data[p * channels + k] as number) >> shift) * depthScale);
    const grey = channels <= 2;
    rgba[p * 4] = at(0);
    rgba[p * 4 + 1] = grey ? at(0) : at(1);
    rgba[p * 4 + 2] = grey ? at(0) : at(2);
    rgba[p * 4 + 3] = channels === 2 ? at(1) : channels === 4 ? at(3) : 255;
  }
  const out: DecodedImage = { width, height, rgba };
  return out;
};
