/**
 * Node-only: a folder on disk as ImportEntries (CLI imports, tests). Not for browser code.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ImportEntry } from './entries';

export async function entriesFromDirectory(root: string): Promise<ImportEntry[]> {
  const out: ImportEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    const names = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const d of names) {
      const full = join(dir, d.name);
      if (d.isDirectory()) await walk(full);
      else if (d.isFile()) {
        const size = (await stat(full)).size;
        out.push({ path: relative(root, full).split(sep).join('/'), size, read: async () => new Uint8Array(await readFile(full)) });
      }
    }
  };
  await walk(root);
  return out;
}
