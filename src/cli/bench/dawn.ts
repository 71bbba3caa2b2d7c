/**
 * tfjs-backend-webgpu on dawn.node (Dawn, the WebGPU implementation inside Chromium, as a Node
 * addon): the one setup of the Dawn benches (dawn-bench.ts in the GPU kit, dawn-dispatches.ts).
 * Every compute dispatch is reported to `onDispatch`: what a step costs a GPU in launches.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { registerEngineKernels } from '../../core/register-kernels';

interface Dawn {
  create(flags: string[]): { requestAdapter(): Promise<{ info?: Record<string, string> } | null> };
  globals: Record<string, unknown>;
}

type Encoder = { prototype: { dispatchWorkgroups: (...a: unknown[]) => void } };

/** Wraps GPUComputePassEncoder.dispatchWorkgroups so that each dispatch calls `onDispatch` first. */
function countDispatches(globals: Record<string, unknown>, onDispatch: () => void): void {
  const encoder = globals.GPUComputePassEncoder as Encoder | undefined;
  if (!encoder) return;
  const original = encoder.prototype.dispatchWorkgroups;
  encoder.prototype.dispatchWorkgroups = function (this: unknown, ...a: unknown[]) {
    onDispatch();
    return original.apply(this, a);
  };
}

/**
 * navigator.gpu from the dawn.node at `path` (with the GPU* constants tfjs reads from the global
 * scope), then tfjs on WebGPU. Returns the adapter's info (vendor, architecture, device...).
 */
export async function startWebGpuOnDawn(
  path: string,
  onDispatch: () => void,
): Promise<Record<string, string>> {
  // A relative path is the caller's (the working directory), not this module's.
  const dawn = createRequire(import.meta.url)(resolve(path)) as Dawn;
  Object.assign(globalThis, dawn.globals);
  countDispatches(dawn.globals, onDispatch);
  const gpu = dawn.create([]);
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu, userAgent: 'node' },
    configurable: true,
  });
  const adapter = await gpu.requestAdapter();
  if (!adapter)
    throw new Error(
      'dawn.node found no WebGPU adapter (Vulkan: is libvulkan.so.1 on LD_LIBRARY_PATH and a Vulkan driver installed? VK_ICD_FILENAMES picks one)',
    );
  registerEngineKernels();
  // Imported only now: the backend registers itself only if navigator.gpu exists when it loads.
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu')))
    throw new Error('tfjs could not start its WebGPU backend on dawn.node');
  await tf.ready();
  return adapter.info ?? {};
}
