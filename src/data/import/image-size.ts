/**
 * An image's width and height read from its header, before anything is decoded: a small file
 * can decode to a huge bitmap (a 389 kB PNG of 20000x20000 pixels took 8.1 s and 1.6 GB to
 * decode), so the importer checks the pixel count first. PNG (IHDR), JPEG (the SOFn segment)
 * and WebP (VP8, VP8L or VP8X); null when the bytes are none of these.
 */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function readImageSize(bytes: Uint8Array): ImageSize | null {
  return pngSize(bytes) ?? jpegSize(bytes) ?? webpSize(bytes);
}

const u16be = (b: Uint8Array, at: number): number =>
  ((b[at] as number) << 8) | (b[at + 1] as number);
const u32be = (b: Uint8Array, at: number): number => u16be(b, at) * 65536 + u16be(b, at + 2);
const u16le = (b: Uint8Array, at: number): number =>
  (b[at] as number) | ((b[at + 1] as number) << 8);
const u24le = (b: Uint8Array, at: number): number => u16le(b, at) | ((b[at + 2] as number) << 16);
const ascii = (b: Uint8Array, at: number, n: number): string =>
  String.fromCharCode(...b.subarray(at, at + n));

/** IHDR is always the first chunk: width at byte 16, height at 20 (big-endian). */
function pngSize(b: Uint8Array): ImageSize | null {
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v) || ascii(b, 12, 4) !== 'IHDR')
    return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** Walks the marker segments to the first start-of-frame (SOF0-SOF15 but DHT, JPG and DAC). */
function jpegSize(b: Uint8Array): ImageSize | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1] as number;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // Markers without a length: TEM, RSTn, SOI; end of image or of headers: stop.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    const isFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    // Frame header: length (2), precision (1), height (2), width (2).
    if (isFrame) return { width: u16be(b, at + 7), height: u16be(b, at + 5) };
    at += 2 + u16be(b, at + 2);
  }
  return null;
}

/** RIFF....WEBP, then a VP8X (extended), VP8 (lossy) or VP8L (lossless) chunk at byte 12. */
function webpSize(b: Uint8Array): ImageSize | null {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
  switch (ascii(b, 12, 4)) {
    case 'VP8X': // canvas width - 1 and height - 1, 24 bits each
      return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    case 'VP8 ': // after the frame tag and the 9d 01 2a start code: 14-bit width and height
      return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
    case 'VP8L': {
      // After the 0x2f signature: width - 1 and height - 1 in 14 bits each, little-endian.
      const bits = u16le(b, 21) | ((b[23] as number) << 16) | ((b[24] as number) << 24);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    default:
      return null;
  }
}
