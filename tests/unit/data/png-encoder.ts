/**
 * A minimal PNG encoder for tests: every colour type at every bit depth the format allows,
 * optional PLTE/tRNS and Adam7 interlacing, written straight from the PNG specification
 * (https://www.w3.org/TR/png-3/) so the decoder under test is checked against an independent
 * writer. No filtering (filter type 0), zlib from fflate.
 */
import { zlibSync } from 'fflate';

/** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
export type ColourType = 0 | 2 | 3 | 4 | 6;

export interface PngSpec {
  readonly width: number;
  readonly height: number;
  readonly colourType: ColourType;
  readonly depth: 1 | 2 | 4 | 8 | 16;
  /** Raw samples at `depth`, row-major, `channelsOf(colourType)` per pixel (palette: the index). */
  readonly samples: readonly number[];
  readonly palette?: readonly (readonly [number, number, number])[];
  /** tRNS: palette alphas, or the transparent colour key's samples (grey: 1, RGB: 3). */
  readonly transparency?: readonly number[];
  readonly interlace?: boolean;
}

export function channelsOf(t: ColourType): number {
  return { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[t];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

/** Samples -> big-endian bits, most significant first, padded to whole bytes, with filter byte 0. */
function scanline(samples: readonly number[], depth: number): number[] {
  const bytes = new Uint8Array(Math.ceil((samples.length * depth) / 8));
  samples.forEach((v, i) => {
    if (depth === 16) bytes.set([v >> 8, v & 0xff], i * 2);
    else if (depth === 8) bytes[i] = v;
    else
      bytes[(i * depth) >> 3] =
        (bytes[(i * depth) >> 3] as number) | (v << (8 - depth - ((i * depth) & 7)));
  });
  return [0, ...bytes];
}

/** Adam7's seven passes: [x0, y0, dx, dy]. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

function imageData(spec: PngSpec): Uint8Array {
  const c = channelsOf(spec.colourType);
  const pixel = (x: number, y: number): number[] =>
    spec.samples.slice((y * spec.width + x) * c, (y * spec.width + x + 1) * c);
  const rows: number[] = [];
  const passes = spec.interlace ? ADAM7 : ([[0, 0, 1, 1]] as const);
  for (const [x0, y0, dx, dy] of passes) {
    for (let y = y0; y < spec.height; y += dy) {
      const line: number[] = [];
      for (let x = x0; x < spec.width; x += dx) line.push(...pixel(x, y));
      if (line.length > 0) rows.push(...scanline(line, spec.depth));
    }
  }
  return zlibSync(Uint8Array.from(rows));
}

export function encodePng(spec: PngSpec): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, spec.width);
  view.setUint32(4, spec.height);
  ihdr.set([spec.depth, spec.colourType, 0, 0, spec.interlace ? 1 : 0], 8);
  const parts = [Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr)];
  if (spec.palette) parts.push(chunk('PLTE', Uint8Array.from(spec.palette.flat())));
  if (spec.transparency) {
    // Palette alphas are one byte each; colour keys are 16-bit fields whatever the depth.
    const t =
      spec.colourType === 3
        ? spec.transparency
        : spec.transparency.flatMap((v) => [v >> 8, v & 0xff]);
    parts.push(chunk('tRNS', Uint8Array.from(t)));
  }
  parts.push(chunk('IDAT', imageData(spec)), chunk('IEND', new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
