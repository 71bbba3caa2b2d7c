/**
 * A user's files, whatever they came from (a picked folder, a dropped .zip, a test fixture):
 * a path inside the upload, its size, and a way to read it. Reading is deferred so size caps
 * and junk filtering happen before anything is decoded.
 */
import { unzipSync } from 'fflate';

export interface ImportEntry {
  /** '/'-separated path, e.g. 'cats/001.png' or 'my-set/train/cats/001.png'. */
  readonly path: string;
  /** Bytes on disk (uncompressed size for zip members). */
  readonly size: number;
  read(): Promise<Uint8Array>;
}

/** From in-memory files (tests, Node CLI). */
export function entriesFromRecord(files: Readonly<Record<string, Uint8Array>>): ImportEntry[] {
  return Object.entries(files).map(([path, bytes]) => ({
    path,
    size: bytes.length,
    read: async () => bytes,
  }));
}

/**
 * From files a page picked and posted to the worker with their paths (a File's
 * webkitRelativePath does not survive postMessage, so the page sends it beside the file).
 * Nothing is read until the importer asks.
 */
export function entriesFromBlobs(
  files: Iterable<{ readonly path: string; readonly file: Blob }>,
): ImportEntry[] {
  return Array.from(files, ({ path, file }) => ({
    path,
    size: file.size,
    read: async () => new Uint8Array(await file.arrayBuffer()),
  }));
}

/**
 * From a .zip. `keep` sees each member's path and declared size before anything is inflated,
 * so junk and over-size archives cost no decompression (and cannot zip-bomb the worker).
 */
export function entriesFromZip(
  zip: Uint8Array,
  keep: (path: string, size: number) => boolean,
): ImportEntry[] {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(zip, {
      filter: (f) => !f.name.endsWith('/') && keep(f.name, f.originalSize),
    });
  } catch (e) {
    // Refusals raised by `keep` (size caps) pass through as they are.
    if (e instanceof Error && e.name === 'ImportError') throw e;
    throw new Error(
      `this .zip could not be opened (${e instanceof Error ? e.message : String(e)}); re-create it or import the folder instead`,
      { cause: e },
    );
  }
  return entriesFromRecord(members);
}
