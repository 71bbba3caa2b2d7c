/**
 * Giving GPU memory back. tfjs's WebGPU backend keeps freed buffers in a pool that never
 * shrinks (design.md), so after disposing our tensors we also destroy the pool's FREE buffers.
 * This reaches into the backend's buffer manager (private in 4.22): buffers in use are never
 * touched, and if the shape of that object changes we do nothing rather than guess.
 */
import * as tf from '@tensorflow/tfjs-core';

interface GpuBufferLike {
  size: number;
  destroy(): void;
}
interface BufferManagerLike {
  freeBuffers: Map<string, GpuBufferLike[]>;
  numFreeBuffers: number;
  numBytesAllocated: number;
}

/** Returns the bytes released. */
export function releaseFreeGpuBuffers(): number {
  if (tf.getBackend() !== 'webgpu') return 0;
  const bm = (tf.backend() as unknown as { bufferManager?: BufferManagerLike }).bufferManager;
  if (!bm || !(bm.freeBuffers instanceof Map) || typeof bm.numBytesAllocated !== 'number') return 0;
  let bytes = 0;
  for (const list of bm.freeBuffers.values()) {
    for (const b of list) {
      bytes += b.size;
      b.destroy();
    }
    list.length = 0; // keep the keys: the manager expects them to exist
  }
  bm.numFreeBuffers = 0;
  bm.numBytesAllocated -= bytes;
  return bytes;
}
