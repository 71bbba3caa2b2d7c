import { describe, expect, it } from 'vitest';
import { isSoftwareAdapter, probeStepMs } from '../../../src/worker/backend-probe';

describe('software WebGPU adapters', () => {
  it('are known by their own flag or by a software renderer name', () => {
    expect(isSoftwareAdapter({ isFallbackAdapter: true }, {})).toBe(true);
    expect(isSoftwareAdapter({ info: { isFallbackAdapter: true } }, {})).toBe(true);
    expect(isSoftwareAdapter({}, { vendor: 'google', architecture: 'swiftshader' })).toBe(true);
    expect(isSoftwareAdapter({}, { description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(
      isSoftwareAdapter(
        {},
        { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' },
      ),
    ).toBe(false);
    expect(
      isSoftwareAdapter(
        { isFallbackAdapter: false },
        { vendor: 'intel', architecture: 'gen-12lp' },
      ),
    ).toBe(false);
  });

  it('the probe step runs on the active backend, takes a positive time and leaks nothing', async () => {
    const tf = await import('@tensorflow/tfjs-core');
    const before = tf.memory().numTensors;
    const ms = await probeStepMs({ warmup: 1, reps: 1 });
    expect(ms).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});
