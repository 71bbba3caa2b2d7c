/**
 * What the Dawn checks (tests/gpu/*.check.ts) share: tfjs's WebGPU backend on dawn.node, with
 * every dispatch counted, and the fused-against-generic comparison of the checks that switch a
 * kernel set on and off. The checks run in a child process that tests/unit/core/dawn-check.ts
 * starts (Dawn needs libvulkan on LD_LIBRARY_PATH from the start), with dawn.node's path as the
 * first argument.
 */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { registerEngineKernels } from '../../src/core/register-kernels';

let dispatches = 0;

/** GPUComputePassEncoder.dispatchWorkgroups calls so far (one per program run). */
export const dispatchCount = (): number => dispatches;

/**
 * Installs dawn.node (at `dawnPath`) as the WebGPU implementation (its globals and
 * navigator.gpu), counts its dispatches, then loads and activates tfjs's webgpu backend.
 */
export async function useDawnWebGpu(dawnPath: string): Promise<void> {
  const dawn = createRequire(import.meta.url)(dawnPath) as {
    create(f: string[]): unknown;
    globals: Record<string, unknown>;
  };
  Object.assign(globalThis, dawn.globals);
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu: dawn.create([]), userAgent: 'node' },
    configurable: true,
  });
  const enc = dawn.globals.GPUComputePassEncoder as {
    prototype: { dispatchWorkgroups: (...a: unknown[]) => void };
  };
  const original = enc.prototype.dispatchWorkgroups;
  enc.prototype.dispatchWorkgroups = function (this: unknown, ...a: unknown[]) {
    dispatches++;
    return original.apply(this, a);
  };
  registerEngineKernels();
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('no webgpu backend on dawn.node');
  await tf.ready();
}

/** Runs `f` (its outputs read back) and counts its dispatches. */
async function outputs(
  f: () => tf.Tensor[],
): Promise<{ values: Float32Array[]; dispatches: number }> {
  const before = dispatches;
  const out = tf.tidy(f);
  const values = (await Promise.all(out.map((t) => t.data()))) as Float32Array[];
  tf.dispose(out);
  return { values, dispatches: dispatches - before };
}

/** Per output, the largest difference of fused and generic (relative to the generic output's largest magnitude); the dispatches of each. */
export type Comparison = {
  maxRelDiff: number[];
  fusedDispatches: number;
  genericDispatches: number;
};

/** Runs `f` with the fused kernels (`setFused(true)`), then without, and compares (fused left on). */
export async function compareFusedGeneric(
  setFused: (on: boolean) => void,
  f: () => tf.Tensor[],
): Promise<Comparison> {
  setFused(true);
  const fused = await outputs(f);
  setFused(false);
  const generic = await outputs(f);
  setFused(true);
  const maxRelDiff = fused.values.map((a, i) => {
    const b = generic.values[i] as Float32Array;
    if (a.length !== b.length) return Infinity;
    let diff = 0;
    let scale = 0;
    for (let j = 0; j < a.length; j++) {
      diff = Math.max(diff, Math.abs((a[j] as number) - (b[j] as number)));
      scale = Math.max(scale, Math.abs(b[j] as number));
    }
    return scale === 0 ? diff : diff / scale;
  });
  return { maxRelDiff, fusedDispatches: fused.dispatches, genericDispatches: generic.dispatches };
}
