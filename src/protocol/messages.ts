/**
 * The typed wire between the UI (main thread) and the training worker: every message, both
 * ways, and nothing else. Discriminated unions on `type`; errors cross as plain objects; large
 * byte arrays travel as transferred ArrayBuffers. Type-only imports from core and data.
 *
 * A command that expects an answer (a `Request`) carries a `requestId`, and exactly one event
 * answers it: its reply (`REPLY_TYPE`) or an 'error', both carrying the same id
 * (ui/worker-client/training-client.ts `request()` turns that into a promise of exactly that reply). The other
 * commands (`Notice`) steer a run whose events stream to every listener.
 */
import type { MemoryAccount, MeasuredMemory } from '../spec/memory-account';
import type { ModelConfig } from '../spec/model-config';
import type { Schedule } from '../core/optim/schedule';
import type { AccuracyReport } from '../core/metrics/accuracy';
import type { DoneEvent, EvalEvent, FilterSnapshot, StepEvent } from '../core/train/events';
import type { RunConfig } from '../core/train/run';
import type { GradNorms } from '../core/metrics/grad-norms';
import type { SplitSets } from '../core/image-set';
import type { ImportReport } from '../data/import/import-images';

export * from './events';
import type { WorkerEvent } from './events';
export * from './sources';
import type { DataSource, ModelRef, ModelSource } from './sources';

// The wire's vocabulary, re-exported so the page names what crosses the wire from this file
// alone (it may not import the engine: eslint.config.js). Types only: nothing of tfjs follows.
export type {
  AccuracyReport,
  DoneEvent,
  EvalEvent,
  FilterSnapshot,
  GradNorms,
  ImportReport,
  MeasuredMemory,
  MemoryAccount,
  Schedule,
  SplitSets,
  StepEvent,
};

/** 'wasm' is tfjs-backend-wasm (XNNPACK); 'cpu' is tfjs's pure-JS backend, the last resort. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

export interface BackendInfo {
  name: BackendName;
  /** WebGPU only. */
  adapter?: AdapterInfo;
  /** Set when `name` is not the first choice: why each better backend was passed over. */
  fallbackReason?: string;
  /** What the user forced with ?backend=, if anything. */
  forced?: BackendName;
  /**
   * Set when the GPU backend (WebGPU or WebGL) ran on a software renderer: the probe step's
   * milliseconds there (`gpuMs`, on `gpu`) and on the best CPU-side backend (`cpuMs`, on
   * `cpuSide`: wasm, else cpu; null when neither could start), which decided the backend.
   */
  probe?: { gpu: 'webgpu' | 'webgl'; gpuMs: number; cpuSide: 'wasm' | 'cpu'; cpuMs: number | null };
  /**
   * wasm only: XNNPACK's thread count (1: single-threaded) and whether the worker is
   * cross-origin isolated (threads need SharedArrayBuffer; worker/wasm-backend.ts).
   */
  wasm?: { threads: number; crossOriginIsolated: boolean };
}

/** One method of a comparison: its id and label, and the engine's per-method fields (RunConfig's declarations). */
export interface MethodSpec extends Pick<
  RunConfig,
  'optimizer' | 'freeze' | 'lrScale' | 'gradualUnfreeze' | 'linearProbe'
> {
  /** Unique within a comparison, e.g. 'sgd', 'adamw', 'sgd-freeze'. */
  id: string;
  label: string;
}

/** A comparison: its methods, and the engine's run fields (RunConfig's declarations) that all of them share. */
export interface RunSpec extends Pick<
  RunConfig,
  'schedule' | 'epochs' | 'batchSize' | 'seed' | 'evalEvery' | 'evalsPerEpoch' | 'maxSteps'
> {
  /** One method = a single run; several = a comparison from the same weights, seed and batches. */
  methods: MethodSpec[];
  /** Train on the benchmark's augmentation (flip, crop: data/augmenter.ts), else on the images as they are. */
  augment: boolean;
}

/** One picked file of the user's own images: its path inside the upload ('cats/1.png'), its bytes. */
export interface PickedImage {
  path: string;
  file: Blob;
}

/** Where an export's settings come from: the run it describes (its history id, start, link), or the controls before any run. */
export interface SettingsOrigin {
  from: 'run' | 'controls';
  runId?: string;
  startedAt?: number;
  hash?: string;
}

/** What an exported weights file is: PyTorch's safetensors, or a zipped tfjs model folder. */
export type WeightsFormat = 'safetensors' | 'tfjs';

/** Commands answered by exactly one event with the same requestId: the reply or an 'error'. */
export type Request =
  | { type: 'init'; requestId: number; baseUrl: string; backend?: BackendName }
  | { type: 'load'; requestId: number; model: ModelSource; data: DataSource }
  /** Gradient norms at the loaded weights on one training batch (the paper's analysis, lr 0). */
  | { type: 'grad-norms'; requestId: number; batchSize: number; seed: number }
  /**
   * A finished method's weights (default: the last finished, else the starting weights). The
   * tfjs model's metadata names the page's settings and link, when given.
   */
  | {
      type: 'export';
      requestId: number;
      methodId?: string;
      format?: WeightsFormat;
      settings?: unknown;
      hash?: string;
    }
  /** A few ID and OOD images of a benchmark, to show the shift before training (nothing is loaded). */
  | { type: 'samples'; requestId: number; data: DataSource; perSplit: number }
  /** Decode the user's own images (src/data/import) into training, validation and OOD sets. */
  | { type: 'import-images'; requestId: number; files: PickedImage[]; seed: number }
  /**
   * The user's own checkpoint, read by the strict reader and matched against each architecture
   * (core/checkpoint/identify.ts): `candidates` adds the shipped checkpoints' configs to the
   * size presets. The bytes are a copy, transferred.
   */
  | {
      type: 'check-checkpoint';
      requestId: number;
      file: string;
      bytes: ArrayBuffer;
      candidates: ModelConfig[];
    }
  | { type: 'release'; requestId: number }
  /** After a lost device: go on from the last weight snapshot on another backend. */
  | { type: 'continue'; requestId: number; backend: BackendName }
  /** The loaded data and starting weights with the page's run settings, as a PyTorch project (.zip). */
  /**
   * `run` and `model` are the run's own settings (its history record), not the controls now;
   * `loadId` is the load that run trained on (its LoadedInfo): the worker refuses when it holds
   * another since.
   */
  | {
      type: 'export-project';
      requestId: number;
      run: RunSpec;
      model: ModelRef;
      loadId?: string;
      origin?: SettingsOrigin;
    };

/** Commands that steer the run (or test the worker): what follows streams as events. */
export type Notice =
  | { type: 'start'; run: RunSpec }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** Every method evaluates between two of its steps (idle: the last weights, now): 'eval' events. */
  | { type: 'evaluate' }
  /** Stops every `import-images` in progress before its next file; each answers how far it got. */
  | { type: 'cancel-import' }
  /** Test hooks (e2e): destroy the WebGPU device; crash the worker (an uncaught throw, or an unhandled rejection). */
  | { type: 'test:lose-device' }
  | { type: 'test:crash'; how?: 'throw' | 'reject' };

export type Command = Request | Notice;

/** The event that answers each request (besides an 'error' with its id). */
export const REPLY_TYPE = {
  init: 'ready',
  load: 'loaded',
  'grad-norms': 'grad-norms',
  export: 'exported',
  samples: 'samples',
  'import-images': 'images-imported',
  'check-checkpoint': 'checkpoint-checked',
  release: 'released',
  continue: 'ready',
  'export-project': 'project-exported',
} as const satisfies Record<Request['type'], WorkerEvent['type']>;

export type RequestType = Request['type'];
/** A request as a caller writes it; the client numbers it. */
export type RequestBody<T extends RequestType = RequestType> = T extends RequestType
  ? Omit<Extract<Request, { type: T }>, 'requestId'>
  : never;
/** The reply a request of type T resolves to. */
export type Reply<T extends RequestType> = Extract<WorkerEvent, { type: (typeof REPLY_TYPE)[T] }>;

export function isRequest(cmd: Command): cmd is Request {
  return cmd.type in REPLY_TYPE;
}
