/**
 * The WebGPU multi-tensor optimizer updates against the per-tensor generic ops on Dawn
 * (tests/gpu/multi-update-webgpu.check.ts, in a child process with Chromium's Vulkan loader and
 * SwiftShader). Skipped where dawn.node has not been fetched (`npm run gpu-kit` fetches it) or
 * Chromium's SwiftShader is missing.
 */
import { describe, expect, it } from 'vitest';
import { hasDawn, runDawnCheck } from './dawn-check';

const DAWN = '.cache/gpu-kit/webgpu/package/dist/linux-x64/dawn.node';

interface Case {
  maxRelDiff: number;
  dispatches: number;
  genericDispatches: number;
  bytes: number;
  genericBytes: number;
  kind: string;
}

describe.skipIf(!hasDawn(DAWN))(
  'multi-tensor WebGPU optimizer updates (Dawn on SwiftShader)',
  () => {
    it(
      "give the generic ops' weights and state bytes, in ceil(n / 6) + 1 + n dispatches (AdamW), leak nothing",
      { timeout: 300_000 },
      () => {
        const out = runDawnCheck<Record<string, Case> & { leak: number[] }>(
          'tests/gpu/multi-update-webgpu.check.ts',
          DAWN,
        );
        const cases = Object.entries(out).filter(([k]) => k !== 'leak') as [string, Case][];
        expect(cases.map(([k]) => k)).toEqual([
          'sgd',
          'sgd (join)',
          'sgd + momentum',
          'sgd + momentum (join)',
          'sgd + nesterov',
          'sgd + nesterov (join)',
          'adamw',
          'adamw (join)',
        ]);
        for (const [name, c] of cases) {
          expect(c.maxRelDiff, name).toBeLessThan(2e-6);
          expect(c.bytes, name).toBe(c.genericBytes);
          expect(c.kind, name).toMatch(/^Multi/);
        }
        // 13 parameters: AdamW ceil(13 / 6) + 1 + 13 = 17 (per tensor: 3 x 13); SGD with momentum ceil(13 / 3) + 1 + 13 = 19; plain SGD 13.
        expect(out.adamw!.dispatches).toBe(17);
        expect(out['sgd + momentum']!.dispatches).toBe(19);
        expect(out.sgd!.dispatches).toBe(13);
        expect(out.leak[0]).toBe(out.leak[1]);
      },
    );
  },
);
