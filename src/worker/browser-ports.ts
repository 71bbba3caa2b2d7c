/**
 * The session's ports in the browser worker: tfjs backends, fetch from the app's own origin,
 * the browser's image decoders (canvas-decoder.ts).
 */
import { decodeWithCanvas } from '../data/import/canvas-decoder';
import { fetchByteSource } from '../data/shards/byte-source';
import { selectBackend, webgpuDevice } from './backend';
import { releaseFreeGpuBuffers } from './gpu-memory';
import { loadModel } from './load-model';
import type { SessionPorts } from './session-ports';

export const BROWSER_PORTS: SessionPorts = {
  selectBackend,
  device: webgpuDevice,
  shardSource: (baseUrl) => fetchByteSource(new URL('data/', baseUrl)),
  loadModel,
  decodeImage: decodeWithCanvas,
  releaseGpu: () => void releaseFreeGpuBuffers(),
};
