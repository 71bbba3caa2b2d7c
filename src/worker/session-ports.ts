/**
 * What a session needs from its surroundings, passed in: the browser's (worker/browser-ports.ts:
 * tfjs backends, fetch, the canvas decoder) in the worker, fakes in Node tests, so the session
 * itself holds no browser API and its every state can be tested.
 */
import type { ImageDecoder } from '../data/import/decoder';
import type { ByteSource } from '../data/shards/byte-source';
import type { ModelSource } from '../protocol/messages';
import type { DevicePorts } from './device-recovery';
import type { LoadedModel } from './load-model';

export interface SessionPorts extends DevicePorts {
  /** Where the data shards come from, under the app's address. */
  shardSource(baseUrl: string): ByteSource;
  /** The starting weights: a shipped checkpoint (fetched under `baseUrl`) or a seeded init. */
  loadModel(src: ModelSource, numClasses: number, baseUrl: string): Promise<LoadedModel>;
  decodeImage: ImageDecoder;
  /** Gives the GPU's free buffers back (WebGPU's pool never shrinks by itself). */
  releaseGpu(): void;
}
