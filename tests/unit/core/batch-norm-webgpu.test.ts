/**
 * The WebGPU BatchNorm(+ReLU) programs against the generic ops on Dawn
 * (tests/gpu/batch-norm-webgpu.check.ts, in a child process with Chromium's Vulkan loader and
 * SwiftShader): the output, the running statistics and every gradient, alone and through a whole
 * tiny ResNet, in training and eval mode. Skipped where dawn.node has not been fetched
 * (`npm run gpu-kit` fetches it) or Chromium's SwiftShader is missing. The cpu and wasm paths
 * (and so the parity tests) never take these kernels.
 */
import { describe, expect, it } from 'vitest';
import { hasDawn, runDawnCheck } from './dawn-check';

describe.skipIf(!hasDawn())('WebGPU BatchNorm (Dawn on SwiftShader)', () => {
  it(
    'equals the generic ops, forward, running statistics and backward, in fewer dispatches',
    { timeout: 600_000 },
    () => {
      type Case = { maxRelDiff: number[]; fusedDispatches: number; genericDispatches: number };
      const all = runDawnCheck<Record<string, unknown>>('tests/gpu/batch-norm-webgpu.check.ts');
      const { 'tensors per step, resnet': tensors, ...rest } = all as Record<string, number[]>;
      const out = rest as unknown as Record<string, Case>;
      expect(Object.keys(out)).toEqual([
        'train relu [16, 28, 28, 16]',
        'train [16, 14, 14, 32]',
        'train relu [3, 5, 5, 70]',
        'eval relu [16, 14, 14, 32]',
        'eval [16, 7, 7, 64]',
        'resnet (tiny)',
        'resnet (tiny), eval',
      ]);
      // No leak through the custom gradient or the running statistics: flat from the first update on.
      expect(new Set(tensors!.slice(1)).size, String(tensors)).toBe(1);
      for (const [name, c] of Object.entries(out)) {
        // Each output (training: the value, running_mean, running_var, num_batches_tracked, then the
        // gradients for x, weight and bias) within float32 rounding of the generic one, relative to
        // its largest magnitude: one op alone to 1e-6 (seen: 2.4e-7), a whole model's loss,
        // gradients, norms and running statistics to 3e-6 (seen: 1.2e-6).
        const tol = name.includes('tiny') ? 3e-6 : 1e-6;
        if (name.startsWith('train')) expect(c.maxRelDiff.length, name).toBe(7);
        if (name.startsWith('eval') || name.endsWith('eval'))
          expect(c.maxRelDiff.length, name).toBe(1);
        c.maxRelDiff.forEach((d, i) => expect(d, `${name}, output ${i}`).toBeLessThan(tol));
        expect(c.fusedDispatches, name).toBeLessThan(c.genericDispatches);
      }
      // Training: 3 dispatches forward (run twice: the value, then inside tf.grads) and 2 backward,
      // plus 4 for the test's own product, sum and their gradients (num_batches_tracked runs on the
      // CPU); the generic path takes ~75. Eval: 1 (generic: 6-7).
      expect(out['train relu [16, 28, 28, 16]']!.fusedDispatches).toBeLessThanOrEqual(12);
      expect(out['eval relu [16, 14, 14, 32]']!.fusedDispatches).toBe(1);
    },
  );
});
