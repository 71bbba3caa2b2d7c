/**
 * What one training worker holds once a model and its data are loaded, for the page's worker
 * pool to size itself (ui/pool/pool-size.ts): tfjs's own count of tensor bytes, the wasm
 * heap's size on the wasm backend (tensors live there; the heap grows to its peak and never
 * shrinks, so after a run it is that run's high-water mark) and the data's bytes in JS memory.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SplitSets } from '../core/image-set';
import type { WorkerMemory } from '../protocol/messages';

const setBytes = (s: SplitSets[keyof SplitSets]): number => s.pixels.byteLength + s.labels.byteLength + (s.groups?.byteLength ?? 0);

/** tfjs-backend-wasm's Emscripten module keeps its heap as HEAPU8; read without trusting the shape. */
function wasmHeapBytes(): number | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: unknown } }).wasm?.HEAPU8;
  return heap instanceof Uint8Array ? heap.buffer.byteLength : undefined;
}

export function measureWorkerMemory(sets: SplitSets): WorkerMemory {
  const heap = wasmHeapBytes();
  return {
    tfBytes: tf.memory().numBytes,
    ...(heap !== undefined ? { wasmHeapBytes: heap } : {}),
    dataBytes: setBytes(sets.train) + setBytes(sets.idVal) + setBytes(sets.ood),
  };
}
