/**
 * The WebGPU fused optimizer updates against the generic ops on Dawn (tests/gpu/
 * fused-update-webgpu.check.ts, in a child process with Chromium's Vulkan loader and SwiftShader).
 * Skipped where dawn.node has not been fetched (`npm run gpu-kit` fetches it) or Chromium's
 * SwiftShader is missing; the e2e WebGPU tests exercise the same kernels in the browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DAWN = '.cache/gpu-kit/webgpu/package/dist/linux-x64/dawn.node';
const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

describe.skipIf(!existsSync(DAWN) || !existsSync(ICD))('fused WebGPU optimizer updates (Dawn on SwiftShader)', () => {
  it('give the generic ops\' weights after six steps, in fewer dispatches', { timeout: 300_000 }, () => {
    const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'tests/gpu/fused-update-webgpu.check.ts', resolve(DAWN)], {
      encoding: 'utf8',
      env: { ...process.env, LD_LIBRARY_PATH: '/usr/lib/chromium', VK_ICD_FILENAMES: ICD },
    });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop() as string) as Record<string, { maxRelDiff: number; fusedDispatches: number; genericDispatches: number }>;
    expect(Object.keys(out)).toEqual(['sgd', 'sgd + momentum', 'sgd + nesterov', 'adamw']);
    for (const [name, c] of Object.entries(out)) expect(c.maxRelDiff, name).toBeLessThan(2e-6);
    // AdamW: 3 dispatches per parameter and step (2 parameters x 6 steps), against a dozen ops each.
    expect(out.adamw!.fusedDispatches).toBeLessThan(out.adamw!.genericDispatches);
  });
});
