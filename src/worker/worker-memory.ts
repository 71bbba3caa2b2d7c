/**
 * What one training worker holds once a model and its data are loaded, for the page's worker
 * pool to size itself (ui/pool/pool-size.ts): tfjs's own count of tensor bytes, the wasm
 * heap's size on the wasm backend (tensors live there; the heap grows to its peak and never
 * shrinks, so after a run it is that run's high-water mark), the host copies of the data and
 * the starting weights, and the worker's used JS heap where the browser tells it (Chromium's
 * performance.memory, which covers those copies and everything else in JS).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SplitSets } from '../core/image-set';
import type { WorkerMemory } from '../protocol/messages';
import type { Loaded } from './loaded';

const setBytes = (s: SplitSets[keyof SplitSets]): number =>
  s.pixels.byteLength + s.labels.byteLength + (s.groups?.byteLength ?? 0);

/** tfjs-backend-wasm's Emscripten module keeps its heap as HEAPU8; read without trusting the shape. */
function wasmHeapBytes(): number | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: unknown } }).wasm?.HEAPU8;
  return heap instanceof Uint8Array ? heap.buffer.byteLength : undefined;
}

/** Chromium's non-standard performance.memory (absent in Node, Firefox, Safari). */
function jsHeapBytes(): number | undefined {
  const used = (globalThis.performance as Performance & { memory?: { usedJSHeapSize?: unknown } })
    .memory?.usedJSHeapSize;
  return typeof used === 'number' ? used : undefined;
}

export function measureWorkerMemory({ model, data }: Loaded): WorkerMemory {
  const { train, idVal, ood } = data.sets;
  const heap = wasmHeapBytes();
  const js = jsHeapBytes();
  return {
    tfBytes: tf.memory().numBytes,
    ...(heap !== undefined ? { wasmHeapBytes: heap } : {}),
    dataBytes: setBytes(train) + setBytes(idVal) + setBytes(ood),
    weightBytes: [...model.weights.values()].reduce((a, w) => a + w.byteLength, 0),
    ...(js !== undefined ? { jsHeapBytes: js } : {}),
  };
}
