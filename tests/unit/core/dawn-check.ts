/**
 * Launches a Dawn check (tests/gpu/*.check.ts, see tests/gpu/dawn-setup.ts) for the *-webgpu
 * tests: in a child process, because Dawn needs Chromium's Vulkan loader (and SwiftShader through
 * it) on LD_LIBRARY_PATH from the start. The tests skip where dawn.node has not been fetched
 * (`npm run gpu-kit` fetches it) or Chromium's SwiftShader is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

export const DAWN = '.cache/gpu-kit/dawn.node';
const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Whether dawn.node (at `dawn`) and SwiftShader are both there. */
export const hasDawn = (dawn = DAWN): boolean => existsSync(dawn) && existsSync(ICD);

/** Runs `check` (a path from the repository root) with dawn.node, expects it to exit 0, and returns its last stdout line parsed as JSON. */
export function runDawnCheck<T>(check: string, dawn = DAWN): T {
  const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', check, resolve(dawn)], {
    encoding: 'utf8',
    env: { ...process.env, LD_LIBRARY_PATH: '/usr/lib/chromium', VK_ICD_FILENAMES: ICD },
  });
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as T;
}
