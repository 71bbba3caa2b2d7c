/** What the backend itself reports about its memory (the accounting: spec/memory-account.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { MeasuredMemory } from '../../spec/memory-account';

export function measureMemory(): MeasuredMemory {
  const m = tf.memory() as tf.MemoryInfo & Record<string, unknown>;
  const num = (k: string): number | undefined =>
    typeof m[k] === 'number' ? (m[k] as number) : undefined;
  const out: MeasuredMemory = {
    backend: tf.getBackend(),
    numTensors: m.numTensors,
    numBytes: m.numBytes,
  };
  const inGpu = num('numBytesInGPU');
  const alloc = num('numBytesAllocatedInGPU') ?? num('numBytesInGPUAllocated');
  if (inGpu !== undefined) out.numBytesInGPU = inGpu;
  if (alloc !== undefined) out.numBytesAllocatedInGPU = alloc;
  return out;
}
