import { fileURLToPath } from 'node:url';
import { encode } from 'fast-png';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { entriesFromRecord } from '../../../src/data/import/entries';
import { decodePngFast } from '../../../src/data/import/fast-png-decoder';
import { importImages } from '../../../src/data/import/import-images';
import { importZip } from '../../../src/data/import/import-zip';
import { hiddenFolder, readLayout } from '../../../src/data/import/layout';
import { importFolder } from '../../../src/data/import/node-folder';
import { toSquareRgb } from '../../../src/data/import/resize';

const FIXTURE = fileURLToPath(new URL('../../fixtures/data/own-images/', import.meta.url));

/** A w x h PNG of one colour; `alpha` adds a fully transparent left half. */
function png(rgb: [number, number, number], w = 5, h = 5, alpha = false): Uint8Array {
  const c = alpha ? 4 : 3;
  const data = new Uint8Array(w * h * c);
  for (let p = 0; p < w * h; p++) {
    data.set(rgb, p * c);
    if (alpha) data[p * c + 3] = p % w < w / 2 ? 0 : 255;
  }
  return encode({ width: w, height: h, data, channels: c, depth: 8 });
}

const red = png([220, 20, 20]);
const blue = png([20, 20, 220]);

/** Two red cats and two blue dogs, in class folders under `root` (e.g. 'pets/'). */
function twoByTwo(root = ''): Record<string, Uint8Array> {
  return {
    [`${root}cats/a.png`]: red,
    [`${root}cats/b.png`]: red,
    [`${root}dogs/a.png`]: blue,
    [`${root}dogs/b.png`]: blue,
  };
}

/** Expects `importing` to be refused with `code`, in a message that matches `message`. */
async function expectRefusal(
  importing: Promise<unknown>,
  code: string,
  message: RegExp,
): Promise<void> {
  await expect(importing).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
}

describe('import: folder on disk with junk', () => {
  it('skips junk and non-images, names the corrupt file, and keeps the rest', async () => {
    const { sets, report } = await importFolder(FIXTURE, decodePngFast, { seed: 1 });
    expect(report.classNames).toEqual(['cats', 'dogs']);
    expect(report.skippedJunk).toBe(3); // .DS_Store, cats/.DS_Store, __MACOSX/dogs/._a.png
    expect(report.skippedNonImages).toBe(2); // README.md, cats/notes.txt
    expect(report.corrupt.map((c) => c.path)).toEqual(['my-pets/dogs/broken.png']);
    expect(report.warnings.join(' ')).toMatch(/broken\.png/);
    expect(sets.train.n + sets.idVal.n).toBe(4);
    expect(sets.train.channels).toBe(3);
    expect(sets.train.height).toBe(28);
    expect(report.counts.idVal).toEqual([1, 1]);
  });
});

describe('import: refusals say what to do', () => {
  it('refuses a single class', async () => {
    const entries = entriesFromRecord({ 'cats/a.png': red, 'cats/b.png': red });
    await expectRefusal(
      importImages(entries, decodePngFast),
      'too-few-classes',
      /only one class \("cats"\).*at least 2/,
    );
  });

  it('refuses an empty class (all its files unreadable)', async () => {
    const entries = entriesFromRecord({
      'cats/a.png': red,
      'dogs/x.png': new Uint8Array([1, 2, 3]),
    });
    await expectRefusal(importImages(entries, decodePngFast), 'empty-class', /"dogs"/);
  });

  it('refuses an upload past the size cap before decoding anything', async () => {
    let decoded = 0;
    const counting: typeof decodePngFast = async (b, p) => {
      decoded++;
      return decodePngFast(b, p);
    };
    const entries = entriesFromRecord({ 'cats/a.png': red, 'cats/b.png': red, 'dogs/a.png': blue });
    await expectRefusal(importImages(entries, counting, { maxImages: 2 }), 'too-large', /limit/);
    await expect(importImages(entries, counting, { maxTotalBytes: 10 })).rejects.toMatchObject({
      code: 'too-large',
    });
    expect(decoded).toBe(0);
  });

  it('refuses a folder with no images, and a val class missing from train', async () => {
    await expect(
      importImages(entriesFromRecord({ 'a.txt': red }), decodePngFast),
    ).rejects.toMatchObject({ code: 'no-images' });
    const entries = entriesFromRecord({
      'train/cats/a.png': red,
      'train/dogs/a.png': blue,
      'val/cast/a.png': red,
    });
    await expectRefusal(importImages(entries, decodePngFast), 'unknown-class', /val\/cast/);
  });
});

describe('import: layouts', () => {
  it('uses explicit train/val/ood folders', async () => {
    const entries = entriesFromRecord({
      'set/train/cats/a.png': red,
      'set/train/cats/b.png': red,
      'set/train/dogs/a.png': blue,
      'set/val/cats/a.png': red,
      'set/val/dogs/a.png': blue,
      'set/ood/dogs/a.png': blue,
      'set/ood/dogs/b.png': blue,
    });
    const { sets, report } = await importImages(entries, decodePngFast);
    expect(report.counts).toEqual({ train: [2, 1], idVal: [1, 1], ood: [0, 2] });
    expect(report.warnings).toEqual([]);
    // Red stays red, blue stays blue: labels follow folders.
    expect(sets.ood.pixels[2]).toBeGreaterThan(200);
    expect(sets.ood.labels[0]).toBe(1);
  });

  it('without ood/, warns that OOD equals ID validation', async () => {
    const entries = entriesFromRecord(twoByTwo());
    const { sets, report } = await importImages(entries, decodePngFast);
    expect(sets.ood).toBe(sets.idVal);
    expect(report.warnings.join(' ')).toMatch(/no ood\/ folder/);
  });

  it('strips wrapping folders and keeps nested images in their class', () => {
    const r = readLayout(['pick/pets/cats/a.png', 'pick/pets/dogs/x/b.png']);
    expect(r.images.map((i) => i.className)).toEqual(['cats', 'dogs']);
    expect(readLayout(['cats/a.png', 'stray.png']).unplaced).toEqual(['stray.png']);
  });

  it('is deterministic whatever order the files come in', async () => {
    const files = {
      'cats/a.png': red,
      'cats/b.png': png([200, 0, 0], 3, 3),
      'dogs/a.png': blue,
      'dogs/b.png': png([0, 0, 200], 7, 2),
    };
    const a = await importImages(entriesFromRecord(files), decodePngFast, { seed: 2 });
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    const b = await importImages(entriesFromRecord(reversed), decodePngFast, { seed: 2 });
    expect(b.sets.train.pixels).toEqual(a.sets.train.pixels);
  });
});

describe('import: class folders whose names start with "."', () => {
  it('are skipped, counted and named in the report (they were dropped silently as junk)', async () => {
    const entries = entriesFromRecord({
      ...twoByTwo(),
      '.birds/a.png': red,
      '.birds/b.png': blue,
      'dogs/.thumbs/c.png': blue,
      'cats/.DS_Store': new Uint8Array([0]),
      '__MACOSX/cats/._a.png': new Uint8Array([0]),
    });
    const { report } = await importImages(entries, decodePngFast);
    expect(report.classNames).toEqual(['cats', 'dogs']);
    expect(report.skippedHidden).toBe(3);
    expect(report.skippedHiddenFolders).toEqual(['.birds', 'dogs/.thumbs']);
    expect(report.skippedJunk).toBe(2); // .DS_Store and the resource fork stay silent junk
    expect(report.warnings).toContain(
      '3 image(s) in folders whose names start with "." were skipped (.birds/, dogs/.thumbs/): such folders are hidden, so they are taken for system files; rename them without the dot to import them',
    );
  });

  it('are named in the refusal when they are why there are too few classes, from a zip too', async () => {
    const zip = zipSync({
      'pets/cats/a.png': red,
      'pets/.dogs/a.png': blue,
      'pets/.dogs/b.png': blue,
    });
    await expectRefusal(
      importZip(zip, decodePngFast),
      'too-few-classes',
      /only one class \("cats"\).*2 image\(s\) in folders whose names start with "\." were skipped \(pets\/\.dogs\/\)/,
    );
    expect(hiddenFolder('train/.dogs/2.png')).toBe('train/.dogs');
    expect(hiddenFolder('cats/._2.png')).toBeUndefined();
    expect(hiddenFolder('.git/config')).toBeUndefined();
  });
});

describe('import: zip', () => {
  it('reads a zip with __MACOSX and .DS_Store without inflating them', async () => {
    const zip = zipSync({
      ...twoByTwo('pets/'),
      'pets/.DS_Store': new Uint8Array([0]),
      '__MACOSX/pets/cats/._a.png': new Uint8Array([0]),
      'pets/notes.txt': new TextEncoder().encode('hi'),
    });
    const { report } = await importZip(zip, decodePngFast);
    expect(report.classNames).toEqual(['cats', 'dogs']);
    expect(report.skippedJunk).toBe(2);
    expect(report.skippedNonImages).toBe(1);
  });

  it('refuses a zip past the cap, and says so for a file that is not a zip', async () => {
    const zip = zipSync({ 'cats/a.png': red, 'dogs/a.png': blue, 'dogs/b.png': blue });
    await expect(importZip(zip, decodePngFast, { maxImages: 2 })).rejects.toMatchObject({
      code: 'too-large',
    });
    await expect(importZip(new Uint8Array([1, 2, 3, 4]), decodePngFast)).rejects.toThrow(
      /could not be opened/,
    );
  });
});

describe('resize', () => {
  it('composites transparency over white and area-averages to 28x28', () => {
    const img = { width: 56, height: 56, rgba: new Uint8Array(56 * 56 * 4) };
    for (let p = 0; p < 56 * 56; p++)
      img.rgba.set(p % 56 < 28 ? [0, 0, 0, 0] : [0, 0, 0, 255], p * 4);
    const out = toSquareRgb(img, 28);
    expect(out[0]).toBe(255); // transparent left half -> white
    expect(out[(0 * 28 + 27) * 3]).toBe(0); // opaque black right half
    expect(out.length).toBe(28 * 28 * 3);
  });

  it('centre-crops non-square images', () => {
    const img = {
      width: 3,
      height: 1,
      rgba: new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]),
    };
    const out = toSquareRgb(img, 2);
    expect(Array.from(out.subarray(0, 3))).toEqual([0, 255, 0]);
  });

  it('decodes a PNG with alpha', async () => {
    const d = await decodePngFast(png([10, 20, 30], 4, 2, true), 'x.png');
    expect(d.width).toBe(4);
    expect(Array.from(d.rgba.subarray(0, 4))).toEqual([10, 20, 30, 0]);
    await expect(decodePngFast(new Uint8Array([1]), 'x.jpg')).rejects.toThrow(/only PNG/);
  });
});
