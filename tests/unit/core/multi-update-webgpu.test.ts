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
  aliasIntact: boolean;
}

describe.skipIf(!hasDawn(DAWN))(
  'multi-tensor WebGPU optimizer updates (Dawn on SwiftShader)',
  () => {
    it(
      "give the generic ops' weights and state bytes, in ceil(n / 3) dispatches in place (AdamW), leak nothing",
      { timeout: 300_000 },
      () => {
        const out = runDawnCheck<Record<string, Case> & { leak: number[]; buffers: number[] }>(
          'tests/gpu/multi-update-webgpu.check.ts',
          DAWN,
        );
        const cases = Object.entries(out).filter(([k]) => k !== 'leak' && k !== 'buffers') as [
          string,
          Case,
        ][];
        expect(cases.map(([k]) => k)).toEqual(
          ['sgd', 'sgd + momentum', 'sgd + nesterov', 'adamw'].flatMap((k) => [
            k,
            `${k} (join)`,
            `${k} (shared)`,
          ]),
        );
        for (const [name, c] of cases) {
          expect(c.maxRelDiff, name).toBeLessThan(2e-6);
          expect(c.bytes, name).toBe(c.genericBytes);
          expect(c.kind, name).toMatch(/^Multi/);
          expect(c.aliasIntact, name).toBe(true);
        }
        // 13 parameters in place: AdamW and SGD with momentum ceil(13 / 3) = 5 (per tensor:
        // 3 x 13 and 2 x 13), plain SGD ceil(13 / 4) = 4.
        expect(out.adamw!.dispatches).toBe(5);
        expect(out['adamw (join)']!.dispatches).toBe(5);
        expect(out['sgd + momentum']!.dispatches).toBe(5);
        expect(out['sgd + nesterov']!.dispatches).toBe(5);
        expect(out.sgd!.dispatches).toBe(4);
        // Variables sharing their buffers: the tfjs programs, AdamW ceil(13 / 6) + 1 + 13 = 17,
        // SGD with momentum ceil(13 / 3) + 1 + 13 = 19, plain SGD 13.
        expect(out['adamw (shared)']!.dispatches).toBe(17);
        expect(out['sgd + momentum (shared)']!.dispatches).toBe(19);
        expect(out['sgd (shared)']!.dispatches).toBe(13);
        // 200 steps in place: no tensor and no GPU buffer more at the end than at step 10.
        expect(out.leak[0]).toBe(out.leak[1]);
        expect(out.buffers[0]).toBe(out.buffers[1]);
      },
    );
  },
);
