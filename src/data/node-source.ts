/**
 * Node-only ByteSource reading from a folder (default: public/data of this checkout).
 * Never import this from code that runs in the browser: it pulls in node:fs.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { ByteSource } from './shards/byte-source';

/** public/data, found relative to this file so it works from tests, tools and the CLI. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../public/data/', import.meta.url));

export function nodeByteSource(dir: string = DEFAULT_DATA_DIR): ByteSource {
  return async (path) => new Uint8Array(await readFile(join(dir, path)));
}
