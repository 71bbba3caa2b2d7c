/**
 * Node hosts (CLI, bench, tests) run the engine on tfjs's CPU backend (pure JS, no native addon:
 * the reference backend) or on tfjs-backend-wasm (XNNPACK, SIMD), the fast path without a GPU.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { registerEngineKernels } from '../core/register-kernels';

export async function useCpuBackend(): Promise<string> {
  registerEngineKernels();
  await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}

let wasmPathsSet = false;

/** Switches to the wasm backend, its .wasm binaries read from node_modules. */
export async function useWasmBackend(): Promise<string> {
  registerEngineKernels();
  if (!wasmPathsSet) {
    // The package's dist folder holds the three binaries (plain, SIMD, threaded SIMD).
    const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(`${dirname(entry)}/`);
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs-backend-wasm did not start');
  await tf.ready();
  return tf.getBackend();
}

export async function useBackend(name: 'cpu' | 'wasm'): Promise<string> {
  return name === 'wasm' ? useWasmBackend() : useCpuBackend();
}
