/**
 * The WebGPU LayerNorm, GELU and squared-norm programs against the generic ops on Dawn
 * (tests/gpu/model-ops-webgpu.check.ts, in a child process with Chromium's Vulkan loader and
 * SwiftShader): forward values and gradients, alone and through whole tiny models. Skipped where
 * dawn.node has not been fetched (`npm run gpu-kit` fetches it) or Chromium's SwiftShader is
 * missing. The cpu and wasm paths (and so the parity tests) never take these kernels.
 */
import { describe, expect, it } from 'vitest';
import { hasDawn, runDawnCheck } from './dawn-check';

describe.skipIf(!hasDawn())(
  'WebGPU LayerNorm, GELU and squared norms (Dawn on SwiftShader)',
  () => {
    it(
      'equal the generic ops, forward and backward, in fewer dispatches',
      { timeout: 600_000 },
      () => {
        type Case = { maxRelDiff: number[]; fusedDispatches: number; genericDispatches: number };
        const all = runDawnCheck<Record<string, unknown>>('tests/gpu/model-ops-webgpu.check.ts');
        const {
          'tensors per step, vit': vitTensors,
          'tensors per step, convnext': convnextTensors,
          ...rest
        } = all as Record<string, number[]>;
        const out = rest as unknown as Record<string, Case>;
        expect(Object.keys(out)).toEqual([
          'layerNorm [16, 65, 64]',
          'layerNorm [16, 14, 14, 24]',
          'layerNorm [16, 96]',
          'gelu [1040, 256]',
          'squared norms',
          'vit (tiny)',
          'convnext (tiny)',
        ]);
        // No leak through the custom gradients: tensors flat from the first update on (state made).
        for (const counts of [vitTensors, convnextTensors])
          expect(new Set(counts!.slice(1)).size, String(counts)).toBe(1);
        for (const [name, c] of Object.entries(out)) {
          // Each output (the op's value, then each gradient) within float32 rounding of the generic
          // one, relative to its largest magnitude: one op alone to 1e-6, a whole model's loss,
          // gradients and norms (the rounding carried through every layer) to 3e-6 (seen: 7e-7).
          const tol = name.includes('tiny') ? 3e-6 : 1e-6;
          c.maxRelDiff.forEach((d, i) => expect(d, `${name}, output ${i}`).toBeLessThan(tol));
          expect(c.fusedDispatches, name).toBeLessThan(c.genericDispatches);
        }
        // LayerNorm: 1 dispatch forward with its row statistics (run twice: the value, then inside
        // tf.grads) and 2 backward (dx; dgamma with dbeta), plus 4 for the test's own product, sum
        // and their gradients; the generic path takes ~48.
        expect(out['layerNorm [16, 65, 64]']!.fusedDispatches).toBe(8);
      },
    );
  },
);
