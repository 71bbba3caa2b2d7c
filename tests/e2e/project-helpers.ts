/**
 * What the e2e tests of the exported PyTorch project share: Chromium with a scratch folder, a
 * download read back, and the project's train.py run from its files (the project export and
 * the own-checkpoint round trip both train with it).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { openBrowser, type Opened } from '../../src/cli/chromium';
import { PYTHON } from '../../src/cli/python';

/** Chromium with WebGPU, and an empty scratch folder named from `prefix`. */
export async function openWithFolder(prefix: string): Promise<{ b: Opened; dir: string }> {
  const b = await openBrowser({ webgpu: true });
  return { b, dir: mkdtempSync(join(tmpdir(), prefix)) };
}

/** Closes what openWithFolder opened and removes the folder. */
export async function closeWithFolder(b: Opened | undefined, dir: string): Promise<void> {
  await b?.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Clicks `selector` and reads back the file it downloads. */
export async function downloaded(
  p: Page,
  selector: string,
): Promise<{ name: string; bytes: Uint8Array }> {
  const [d] = (await Promise.all([
    p.waitForEvent('download', { timeout: 120_000 }),
    p.click(selector),
  ])) as [Download, void];
  return { name: d.suggestedFilename(), bytes: new Uint8Array(readFileSync(await d.path())) };
}

/**
 * Writes a project zip's `files` (paths under its folder `root`) into `dir` and runs
 * `train.py --threads 1 ...args` in that folder, as its README says. `folder` is where its
 * out/ lands.
 */
export function runTrainPy(
  dir: string,
  project: { root: string; files: Record<string, Uint8Array> },
  args: readonly string[],
  timeout: number,
): { r: SpawnSyncReturns<string>; folder: string } {
  for (const [path, bytes] of Object.entries(project.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  const folder = join(dir, project.root);
  const r = spawnSync(PYTHON, ['train.py', '--threads', '1', ...args], {
    cwd: folder,
    encoding: 'utf8',
    timeout,
  });
  return { r, folder };
}
