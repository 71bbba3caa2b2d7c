/**
 * Image sizes read from headers alone, and the importer's pixel cap: an image that would decode
 * to more than 25 megapixels is skipped with its size and what to do, before its decoder runs
 * (a 389 kB PNG of 20000x20000 pixels froze the page for 8.1 s when the page decoded it).
 */
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { entriesFromRecord } from '../../../src/data/import/entries';
import { decodePngFast } from '../../../src/data/import/fast-png-decoder';
import { readImageSize } from '../../../src/data/import/image-size';
import { importImages } from '../../../src/data/import/import-images';
import { refuseBeforeDecoding } from '../../../src/data/import/pixel-cap';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((ch) => ch.charCodeAt(0)) : p)),
  );
const be16 = (n: number): number[] => [(n >> 8) & 255, n & 255];
const be32 = (n: number): number[] => [...be16(n >>> 16), ...be16(n & 0xffff)];
const le16 = (n: number): number[] => [n & 255, (n >> 8) & 255];
const le24 = (n: number): number[] => [...le16(n & 0xffff), (n >> 16) & 255];

/** The first bytes of a PNG of w x h (signature and IHDR): all the size check reads. */
const pngHeader = (w: number, h: number): Uint8Array =>
  bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    be32(13),
    'IHDR',
    be32(w),
    be32(h),
    [8, 2, 0, 0, 0],
    [0, 0, 0, 0],
  );

describe('image sizes from headers', () => {
  it('PNG: IHDR, also of a real file', () => {
    expect(readImageSize(pngHeader(20000, 20000))).toEqual({ width: 20000, height: 20000 });
    const real = encode({
      width: 7,
      height: 3,
      data: new Uint8Array(7 * 3 * 3),
      channels: 3,
      depth: 8,
    });
    expect(readImageSize(real)).toEqual({ width: 7, height: 3 });
  });

  it('JPEG: past APP segments and fill bytes, to the frame header (baseline and progressive)', () => {
    const app0 = [0xff, 0xe0, ...be16(16), ...bytes('JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])];
    for (const sof of [0xc0, 0xc2]) {
      const jpeg = bytes(
        [0xff, 0xd8],
        app0,
        [0xff, 0xff, sof],
        be16(17),
        [8],
        be16(480),
        be16(640),
        [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
      );
      expect(readImageSize(jpeg)).toEqual({ width: 640, height: 480 });
    }
    // A DHT segment (0xc4) is not a frame: skipped.
    const dht = [0xff, 0xc4, ...be16(5), 0, 0, 0];
    expect(
      readImageSize(
        bytes(
          [0xff, 0xd8],
          dht,
          [0xff, 0xc0],
          be16(17),
          [8],
          be16(9),
          be16(12),
          new Array(10).fill(0),
        ),
      ),
    ).toEqual({ width: 12, height: 9 });
  });

  it('WebP: VP8X, VP8 and VP8L', () => {
    const riff = (chunk: string, body: number[]): Uint8Array =>
      bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], body, new Array(16).fill(0));
    expect(readImageSize(riff('VP8X', [0, 0, 0, 0, ...le24(4095), ...le24(2999)]))).toEqual({
      width: 4096,
      height: 3000,
    });
    expect(
      readImageSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(800), ...le16(600)])),
    ).toEqual({ width: 800, height: 600 });
    // VP8L: 0x2f, then width - 1 and height - 1 in 14 bits each.
    const bits = (320 - 1) | ((200 - 1) << 14);
    expect(
      readImageSize(
        riff('VP8L', [
          0x2f,
          bits & 255,
          (bits >> 8) & 255,
          (bits >> 16) & 255,
          (bits >>> 24) & 255,
        ]),
      ),
    ).toEqual({ width: 320, height: 200 });
  });

  it('anything else: null', () => {
    expect(readImageSize(bytes('GIF89a', new Array(20).fill(0)))).toBeNull();
    expect(readImageSize(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});

describe('the pixel cap', () => {
  it('skips a huge image before decoding it, says its size and what to do, and keeps the rest', async () => {
    const decoded: string[] = [];
    const decode: typeof decodePngFast = async (b, path) => {
      decoded.push(path);
      return decodePngFast(b, path);
    };
    const small = (v: number): Uint8Array =>
      encode({ width: 4, height: 4, data: new Uint8Array(48).fill(v), channels: 3, depth: 8 });
    const files = {
      'cats/1.png': small(10),
      'cats/2.png': small(20),
      'dogs/1.png': small(200),
      'dogs/2.png': small(210),
      'dogs/huge.png': pngHeader(20000, 20000),
    };
    const { report } = await importImages(entriesFromRecord(files), decode);
    expect(decoded).not.toContain('dogs/huge.png');
    expect(report.corrupt).toEqual([
      {
        path: 'dogs/huge.png',
        reason: expect.stringMatching(
          /^20000 x 20000 = 400,000,000 pixels, over the cap of 25,000,000 .*shrink it first/,
        ),
      },
    ]);
    expect(
      report.counts.train.reduce((a, b) => a + b, 0) +
        report.counts.idVal.reduce((a, b) => a + b, 0),
    ).toBe(4);
  });

  it('names exact pixel counts just past the cap, where megapixels rounded both to "25"', () => {
    // Before #24: "5001x5001 pixels (25 megapixels) is more than the 25 megapixels".
    expect(refuseBeforeDecoding(pngHeader(5001, 5001))).toMatch(
      /^5001 x 5001 = 25,010,001 pixels, over the cap of 25,000,000 an image may have here/,
    );
    expect(refuseBeforeDecoding(pngHeader(5000, 5000))).toBeNull(); // exactly at the cap: decoded
    expect(refuseBeforeDecoding(pngHeader(3, 2), 5)).toMatch(
      /^3 x 2 = 6 pixels, over the cap of 5 /,
    );
  });

  it('refuses a file whose header is no PNG, JPEG or WebP, without decoding it', async () => {
    const { report } = await importImages(
      entriesFromRecord({
        'a/1.png': encode({ width: 2, height: 2, data: new Uint8Array(12), channels: 3, depth: 8 }),
        'a/2.png': bytes('GIF89a', new Array(20).fill(0)),
        'b/1.png': encode({
          width: 2,
          height: 2,
          data: new Uint8Array(12).fill(9),
          channels: 3,
          depth: 8,
        }),
      }),
      decodePngFast,
    );
    expect(report.corrupt).toEqual([
      { path: 'a/2.png', reason: expect.stringMatching(/not a PNG, JPEG or WebP/) },
    ]);
  });
});
