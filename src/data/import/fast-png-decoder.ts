/**
 * PNG decoder in pure JS (fast-png), for Node (tests, CLI imports) and as a fallback anywhere.
 * Every colour type at every bit depth PNG allows: grey at 1, 2, 4, 8, 16 bits, grey+alpha,
 * RGB and RGBA at 8 and 16, palette at 1, 2, 4, 8 (with its tRNS alphas), and the tRNS colour
 * key of grey and RGB images. 16-bit samples keep their high byte, as browsers' PNG decoders
 * (libpng's strip_16) do, so Node and the browser import the same pixels.
 * JPEG and WebP are refused with a message saying to use the browser import or convert.
 */
import { decode, type DecodedPng } from 'fast-png';
import type { DecodedImage, ImageDecoder } from './decoder';

export const decodePngFast: ImageDecoder = async (bytes, path) => {
  if (!/\.png$/i.test(path))
    throw new Error('only PNG can be decoded here (JPEG and WebP import in the browser)');
  refuseInterlacedBelow8Bits(bytes);
  const png = decode(bytes);
  const rgba = png.palette !== undefined ? paletteToRgba(png, png.palette) : samplesToRgba(png);
  const out: DecodedImage = { width: png.width, height: png.height, rgba };
  return out;
};

/**
 * fast-png de-interlaces Adam7 one byte per pixel, which scrambles images of 1, 2 or 4 bits per
 * sample; read the header ourselves and refuse those clearly. IHDR is always the first chunk:
 * bit depth at byte 24, interlace method at byte 28.
 */
function refuseInterlacedBelow8Bits(bytes: Uint8Array): void {
  const depth = bytes[24];
  if (bytes.length > 28 && bytes[28] === 1 && depth !== undefined && depth < 8) {
    throw new Error(
      `interlaced PNGs with ${depth}-bit samples cannot be decoded here; save the image without interlacing (or with 8-bit samples)`,
    );
  }
}

/**
 * One sample per element. fast-png returns rows as PNG packs them when samples are under 8
 * bits (several per byte, most significant bits first, each row padded to a whole byte), and
 * one sample per element at 8 and 16 bits.
 */
function unpackSamples(png: DecodedPng): Uint8Array | Uint16Array | Uint8ClampedArray {
  const { width, height, channels, depth, data } = png;
  if (depth >= 8) return data;
  const perRow = width * channels;
  const rowBytes = Math.ceil((perRow * depth) / 8);
  const mask = (1 << depth) - 1;
  const out = new Uint8Array(perRow * height);
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < perRow; i++) {
      const bit = i * depth;
      const byte = data[y * rowBytes + (bit >> 3)] as number;
      out[y * perRow + i] = (byte >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

/** A sample at the image's depth -> 0..255: low depths stretch to the full range (a 2-bit 3 is 255). */
function to8Bit(v: number, depth: number): number {
  if (depth === 16) return v >> 8;
  return depth === 8 ? v : (v * 255) / ((1 << depth) - 1);
}

/** Grey, grey+alpha, RGB, RGBA; a tRNS colour key makes the pixels of exactly that colour transparent. */
function samplesToRgba(png: DecodedPng): Uint8Array {
  const { width, height, channels, depth } = png;
  const samples = unpackSamples(png);
  const key =
    png.transparency !== undefined && png.transparency.length > 0 ? png.transparency : undefined;
  const grey = channels <= 2;
  const rgba = new Uint8Array(width * height * 4); // [h, w, 4]
  for (let p = 0; p < width * height; p++) {
    const s = (k: number): number => samples[p * channels + k] as number;
    const colour = grey ? [s(0), s(0), s(0)] : [s(0), s(1), s(2)];
    const keyed =
      key !== undefined && (grey ? s(0) === key[0] : colour.every((c, k) => c === key[k]));
    rgba[p * 4] = to8Bit(colour[0] as number, depth);
    rgba[p * 4 + 1] = to8Bit(colour[1] as number, depth);
    rgba[p * 4 + 2] = to8Bit(colour[2] as number, depth);
    rgba[p * 4 + 3] =
      channels === 2 || channels === 4 ? to8Bit(s(channels - 1), depth) : keyed ? 0 : 255;
  }
  return rgba;
}

/** Palette images: each index looks up [r, g, b] or, with tRNS, [r, g, b, a]. */
function paletteToRgba(png: DecodedPng, palette: NonNullable<DecodedPng['palette']>): Uint8Array {
  const { width, height } = png;
  const indices = unpackSamples(png);
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const i = indices[p] as number;
    const colour = palette[i];
    if (colour === undefined)
      throw new Error(`palette index ${i} is beyond the palette's ${palette.length} colours`);
    rgba.set(
      [colour[0] as number, colour[1] as number, colour[2] as number, colour[3] ?? 255],
      p * 4,
    );
  }
  return rgba;
}
