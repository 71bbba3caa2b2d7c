/**
 * The WebGPU multi-tensor LAMB and LARS against the per-tensor generic ops on Dawn
 * (tests/gpu/multi-trust-webgpu.check.ts, in a child process with Chromium's Vulkan loader and
 * SwiftShader). Skipped where dawn.node has not been fetched (`npm run gpu-kit` fetches it) or
 * Chromium's SwiftShader is missing.
 */
import { describe, expect, it } from 'vitest';
import { hasDawn, runDawnCheck } from './dawn-check';

const DAWN = '.cache/gpu-kit/webgpu/package/dist/linux-x64/dawn.node';

interface Case {
  maxRelDiff: number;
  dispatches: number;
  perTensorDispatches: number;
  bytes: number;
  perTensorBytes: number;
  kind: string;
  aliasIntact: boolean;
}

describe.skipIf(!hasDawn(DAWN))('multi-tensor WebGPU LAMB and LARS (Dawn on SwiftShader)', () => {
  it(
    "give the per-tensor versions' weights and state bytes in a few dispatches per 3 parameters, leak nothing",
    { timeout: 300_000 },
    () => {
      const out = runDawnCheck<Record<string, Case> & { leak: number[]; buffers: number[] }>(
        'tests/gpu/multi-trust-webgpu.check.ts',
        DAWN,
      );
      const cases = Object.entries(out).filter(([k]) => k !== 'leak' && k !== 'buffers') as [
        string,
        Case,
      ][];
      expect(cases.map(([k]) => k)).toEqual(
        ['lamb', 'lars', 'lars, no momentum'].flatMap((k) => [k, `${k} (shared)`]),
      );
      for (const [name, c] of cases) {
        expect(c.maxRelDiff, name).toBeLessThan(2e-6);
        expect(c.bytes, name).toBe(c.perTensorBytes);
        expect(c.kind, name).toMatch(/^Multi/);
        expect(c.aliasIntact, name).toBe(true);
        expect(c.dispatches, name).toBeLessThan(c.perTensorDispatches / 4);
      }
      // 13 parameters: LAMB ceil(13 / 2) + 1 + ceil(13 / 6) = 11, LARS ceil(13 / 3) + 1 + ceil(13 / 3) = 11.
      expect(out.lamb!.dispatches).toBe(11);
      expect(out.lars!.dispatches).toBe(11);
      expect(out['lars, no momentum']!.dispatches).toBe(11);
      expect(out.leak[0]).toBe(out.leak[1]);
      expect(out.buffers[0]).toBe(out.buffers[1]);
    },
  );
});
