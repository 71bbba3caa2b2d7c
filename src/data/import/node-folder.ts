/**
 * Node-only: a folder on disk as ImportEntries, and its import (CLI imports, tests). Not for
 * browser code.
 *
 * File names are read as bytes: a name that is not valid UTF-8 (a Latin-1 name from an old
 * archive, say) would come back from a string readdir with U+FFFD in place of its bad bytes,
 * a name no file has, and the import would fail on it. Such files (and everything under such
 * a folder) are skipped and counted instead; their class could not be named anyway.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import type { ImageDecoder } from './decoder';
import type { ImportEntry } from './entries';
import { importImages, type ImportOptions, type ImportResult } from './import-images';
import { isJunk } from './layout';

export interface FolderListing {
  /** Every file with a readable name, '/'-separated paths relative to the root, in name order. */
  readonly entries: ImportEntry[];
  /** Files skipped because their path is not valid UTF-8, shown with U+FFFD for the bad bytes. */
  readonly badNames: string[];
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

/** The name as text, or undefined when its bytes are not UTF-8. */
function utf8(name: Uint8Array): string | undefined {
  try {
    return strict.decode(name);
  } catch {
    return undefined;
  }
}

export async function listFolder(root: string): Promise<FolderListing> {
  const entries: ImportEntry[] = [];
  const badNames: string[] = [];
  // Paths stay bytes down the walk, so a folder with a bad name can still be walked and counted.
  const walk = async (dir: Buffer, rel: string[], readable: boolean): Promise<void> => {
    const items = (await readdir(dir, { withFileTypes: true, encoding: 'buffer' }))
      .map((d) => ({ d, text: lossy.decode(d.name), ok: utf8(d.name) !== undefined }))
      .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    for (const { d, text, ok } of items) {
      const full = Buffer.concat([dir, Buffer.from(sep), d.name]);
      const path = [...rel, text].join('/');
      if (d.isDirectory()) {
        await walk(full, [...rel, text], readable && ok);
        continue;
      }
      if (!d.isFile()) continue;
      // OS droppings stay junk whatever their names (importImages skips them silently).
      if (readable && ok)
        entries.push({
          path,
          size: (await stat(full)).size,
          read: async () => new Uint8Array(await readFile(full)),
        });
      else if (isJunk(path))
        entries.push({ path, size: 0, read: async () => new Uint8Array(await readFile(full)) });
      else badNames.push(path);
    }
  };
  await walk(Buffer.from(root), [], true);
  return { entries, badNames };
}

/** importImages over a folder on disk, with the files skipped for their names counted in the report. */
export async function importFolder(
  root: string,
  decode: ImageDecoder,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { entries, badNames } = await listFolder(root);
  const result = await importImages(entries, decode, options);
  if (badNames.length === 0) return result;
  const warning = `${badNames.length} file(s) skipped: their names are not valid UTF-8 text, e.g. ${badNames[0]}; rename them to import them`;
  return {
    sets: result.sets,
    report: {
      ...result.report,
      skippedBadNames: badNames.length,
      skippedBadNameExamples: badNames.slice(0, 5),
      warnings: [...result.report.warnings, warning],
    },
  };
}
