/** The CLI reads a shipped checkpoint only if it has the manifest's SHA-256. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointBytes, loadManifest } from '../../../src/cli/experiment/load';

describe('checkpointBytes', () => {
  it('reads intact checkpoints and refuses a damaged copy by name', async () => {
    const entries = await loadManifest();
    for (const e of entries) expect((await checkpointBytes(e)).byteLength).toBeGreaterThan(0);
    const entry = entries[2] as (typeof entries)[number];
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    const bytes = readFileSync(`public/models/${entry.file}`);
    writeFileSync(join(dir, entry.file), bytes.subarray(0, bytes.length - 4)); // a short download
    await expect(checkpointBytes(entry, dir)).rejects.toThrow(
      new RegExp(`^${entry.file.replace('.', '\\.')}: the download is damaged: .*\\(rule sha256`),
    );
  });
});
