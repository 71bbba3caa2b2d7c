/**
 * The Node PNG decoder against PNGs of every colour type and bit depth, written by an
 * independent encoder (png-encoder.ts) from random samples, pixel for pixel against the truth
 * computed from those samples. An odd width leaves padding bits at the end of every sub-byte row.
 */
import { describe, expect, it } from 'vitest';
import { decodePngFast } from '../../../src/data/import/fast-png-decoder';
import { channelsOf, encodePng, type ColourType, type PngSpec } from './png-encoder';

const W = 29;
const H = 13;

/** A small seeded LCG: the same samples on every run. */
function randomInts(seed: number, n: number, max: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % (max + 1);
  });
}

function spec(
  colourType: ColourType,
  depth: PngSpec['depth'],
  extra: Partial<PngSpec> = {},
): PngSpec {
  const max = colourType === 3 ? (extra.palette?.length ?? 1) - 1 : 2 ** depth - 1;
  const samples = randomInts(depth * 10 + colourType, W * H * channelsOf(colourType), max);
  return { width: W, height: H, colourType, depth, samples, ...extra };
}

/** A tRNS colour key must occur: every seventh pixel takes the key colour. */
function withKey(s: PngSpec, key: number[]): PngSpec {
  const samples = [...s.samples];
  for (let p = 0; p < W * H; p += 7) samples.splice(p * key.length, key.length, ...key);
  return { ...s, samples, transparency: key };
}

function palette(n: number): [number, number, number][] {
  const v = randomInts(n, n * 3, 255);
  return Array.from({ length: n }, (_, i) => [
    v[i * 3] as number,
    v[i * 3 + 1] as number,
    v[i * 3 + 2] as number,
  ]);
}

/** RGBA of pixel p, from the PNG specification: low depths stretch to 0..255, 16 bits keep the high byte. */
function truth(s: PngSpec, p: number): number[] {
  const c = channelsOf(s.colourType);
  const px = s.samples.slice(p * c, (p + 1) * c);
  const to8 = (v: number): number =>
    s.depth === 16 ? v >> 8 : Math.round((v * 255) / (2 ** s.depth - 1));
  const keyed = s.transparency !== undefined && px.every((v, k) => v === s.transparency?.[k]);
  const [a = 0, b = 0, d = 0, e = 0] = px;
  switch (s.colourType) {
    case 0:
      return [to8(a), to8(a), to8(a), keyed ? 0 : 255];
    case 4:
      return [to8(a), to8(a), to8(a), to8(b)];
    case 2:
      return [to8(a), to8(b), to8(d), keyed ? 0 : 255];
    case 6:
      return [to8(a), to8(b), to8(d), to8(e)];
    case 3:
      return [...(s.palette?.[a] ?? []), s.transparency?.[a] ?? 255];
  }
}

/** How many pixels the decoder gets wrong. */
async function pixelsOff(s: PngSpec): Promise<number> {
  const img = await decodePngFast(encodePng(s), 'x.png');
  expect([img.width, img.height]).toEqual([W, H]);
  let off = 0;
  for (let p = 0; p < W * H; p++) {
    if (truth(s, p).some((v, k) => img.rgba[p * 4 + k] !== v)) off++;
  }
  return off;
}

const CASES: [string, PngSpec][] = [
  ...([1, 2, 4, 8, 16] as const).map((d): [string, PngSpec] => [`grey ${d}-bit`, spec(0, d)]),
  ...([8, 16] as const).map((d): [string, PngSpec] => [`grey+alpha ${d}-bit`, spec(4, d)]),
  ...([8, 16] as const).map((d): [string, PngSpec] => [`RGB ${d}-bit`, spec(2, d)]),
  ...([8, 16] as const).map((d): [string, PngSpec] => [`RGBA ${d}-bit`, spec(6, d)]),
  ...([1, 2, 4, 8] as const).map((d): [string, PngSpec] => [
    `palette ${d}-bit`,
    spec(3, d, { palette: palette(d === 8 ? 200 : 2 ** d) }),
  ]),
  [
    'palette 4-bit with tRNS alphas for some colours',
    spec(3, 4, { palette: palette(16), transparency: [0, 128, 255, 7] }),
  ],
  ['grey 2-bit with a tRNS colour key', withKey(spec(0, 2), [1])],
  ['grey 16-bit with a tRNS colour key', withKey(spec(0, 16), [40000])],
  ['RGB 8-bit with a tRNS colour key', withKey(spec(2, 8), [12, 34, 56])],
  ['RGB 16-bit with a tRNS colour key', withKey(spec(2, 16), [1, 2, 65535])],
  ['interlaced RGB 8-bit', { ...spec(2, 8), interlace: true }],
  ['interlaced grey+alpha 16-bit', { ...spec(4, 16), interlace: true }],
  ['interlaced palette 8-bit', { ...spec(3, 8, { palette: palette(200) }), interlace: true }],
];

describe('PNG decoding (Node): every colour type and bit depth', () => {
  it.each(CASES)('%s: every pixel right', async (_name, s) => {
    expect(await pixelsOff(s)).toBe(0);
  });

  it('refuses interlaced images under 8 bits per sample, saying how to fix them', async () => {
    await expect(
      decodePngFast(encodePng({ ...spec(0, 2), interlace: true }), 'x.png'),
    ).rejects.toThrow(/interlaced PNGs with 2-bit samples.*without interlacing/);
  });

  it('names a palette index beyond the palette', async () => {
    const s = spec(3, 4, { palette: palette(3) });
    const bad = { ...s, samples: s.samples.map((v, i) => (i === 5 ? 9 : v)) };
    await expect(decodePngFast(encodePng(bad), 'x.png')).rejects.toThrow(
      /palette index 9 is beyond the palette's 3 colours/,
    );
  });
});
