/**
 * The WebGPU fused optimizer updates against the generic ops on Dawn (tests/gpu/
 * fused-update-webgpu.check.ts, in a child process with Chromium's Vulkan loader and SwiftShader).
 * Skipped where dawn.node has not been fetched (`npm run gpu-kit` fetches it) or Chromium's
 * SwiftShader is missing; the e2e WebGPU tests exercise the same kernels in the browser.
 */
import { describe, expect, it } from 'vitest';
import { hasDawn, runDawnCheck } from './dawn-check';

const DAWN = '.cache/gpu-kit/webgpu/package/dist/linux-x64/dawn.node';

describe.skipIf(!hasDawn(DAWN))('fused WebGPU optimizer updates (Dawn on SwiftShader)', () => {
  it(
    "give the generic ops' weights after six steps, in fewer dispatches",
    { timeout: 300_000 },
    () => {
      const out = runDawnCheck<
        Record<string, { maxRelDiff: number; fusedDispatches: number; genericDispatches: number }>
      >('tests/gpu/fused-update-webgpu.check.ts', DAWN);
      expect(Object.keys(out)).toEqual(['sgd', 'sgd + momentum', 'sgd + nesterov', 'adamw']);
      for (const [name, c] of Object.entries(out)) expect(c.maxRelDiff, name).toBeLessThan(2e-6);
      // AdamW: 3 dispatches per parameter and step (2 parameters x 6 steps), against a dozen ops each.
      expect(out.adamw!.fusedDispatches).toBeLessThan(out.adamw!.genericDispatches);
    },
  );
});
