/**
 * A folder on disk whose file and folder names are not all UTF-8 (Latin-1 names from an old
 * archive): the import skips those files and counts them instead of failing on the first one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePngFast } from '../../../src/data/import/fast-png-decoder';
import { importFolder, listFolder } from '../../../src/data/import/node-folder';

const LATIN1_E_ACUTE = 0xe9; // 'é' in Latin-1: a lone continuation-less byte, not UTF-8

function png(grey: number): Uint8Array {
  return encode({
    width: 4,
    height: 4,
    data: new Uint8Array(16).fill(grey),
    channels: 1,
    depth: 8,
  });
}

/** A path under root with raw bytes in it: `bytesName` is spliced in as it is. */
function rawPath(root: string, before: string, bytesName: number[], after = ''): Buffer {
  return Buffer.concat([
    Buffer.from(join(root, before)),
    Buffer.from(bytesName),
    Buffer.from(after),
  ]);
}

let root = '';
let supported = true;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'node-folder-'));
  for (const [cls, n] of [
    ['cats', 3],
    ['dogs', 3],
  ] as const) {
    mkdirSync(join(root, cls));
    for (let i = 0; i < n; i++)
      writeFileSync(join(root, cls, `${i}.png`), png(cls === 'cats' ? 40 : 200));
  }
  try {
    writeFileSync(rawPath(root, 'cats/caf', [LATIN1_E_ACUTE], '.png'), png(40)); // a bad file name
    mkdirSync(rawPath(root, 'd', [0xf6], 'gs')); // a bad folder name: 'dögs' in Latin-1
    writeFileSync(
      Buffer.concat([rawPath(root, 'd', [0xf6], 'gs'), Buffer.from('/x.png')]),
      png(200),
    );
    mkdirSync(join(root, '__MACOSX'));
    writeFileSync(rawPath(root, '__MACOSX/._', [LATIN1_E_ACUTE], '.png'), new Uint8Array(4)); // junk, whatever its name
  } catch {
    supported = false; // file systems that insist on UTF-8 names (APFS) cannot hold the case
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('folder import: names that are not UTF-8', () => {
  it('lists the readable files and names the others with U+FFFD', async ({ skip }) => {
    if (!supported) skip();
    const { entries, badNames } = await listFolder(root);
    expect(badNames).toEqual(['cats/caf\uFFFD.png', 'd\uFFFDgs/x.png']);
    expect(entries.map((e) => e.path)).toEqual([
      '__MACOSX/._\uFFFD.png',
      'cats/0.png',
      'cats/1.png',
      'cats/2.png',
      'dogs/0.png',
      'dogs/1.png',
      'dogs/2.png',
    ]);
  });

  it('imports the rest and reports the skipped files with a count', async ({ skip }) => {
    if (!supported) skip();
    const { sets, report } = await importFolder(root, decodePngFast, { seed: 0 });
    expect(report.classNames).toEqual(['cats', 'dogs']);
    expect(sets.train.n + sets.idVal.n).toBe(6);
    expect(report.skippedBadNames).toBe(2);
    expect(report.skippedBadNameExamples).toEqual(['cats/caf\uFFFD.png', 'd\uFFFDgs/x.png']);
    expect(report.skippedJunk).toBe(1);
    expect(report.corrupt).toEqual([]);
    expect(
      report.warnings.some((w) => /2 file\(s\) skipped: their names are not valid UTF-8/.test(w)),
    ).toBe(true);
  });
});
