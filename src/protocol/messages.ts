/**
 * The typed wire between the UI (main thread) and the training worker: every message, both
 * ways, and nothing else. Discriminated unions on `type`; errors cross as plain objects; large
 * byte arrays travel as transferred ArrayBuffers. Type-only imports from core and data.
 */
import type { MemoryAccount, MeasuredMemory } from '../core/metrics/memory';
import type { GroupName } from '../core/models/param-spec';
import type { ModelConfig } from '../core/models/registry';
import type { OptimizerConfig } from '../core/optim/optimizer';
import type { Schedule } from '../core/optim/schedule';
import type { DoneEvent, EvalEvent, StepEvent } from '../core/train/events';
import type { GradNorms } from '../core/metrics/grad-norms';
import type { SplitSets } from '../core/image-set';

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
}

/** Where the model comes from. `numClasses` always follows the loaded data (a fresh head). */
export type ModelSource =
  | { kind: 'scratch'; config: ModelConfig; seed: number }
  /** A shipped checkpoint from public/models/manifest.json, by name. */
  | { kind: 'pretrained'; name: string; seed: number };

export interface DataSource {
  /** A benchmark registry name (src/data/benchmarks/registry.ts). */
  benchmark: string;
  seed: number;
  strength?: number;
  trainPerClass?: number;
  valPerClass?: number;
  oodPerClass?: number;
  classes?: number[];
  /**
   * The user's own images, imported and decoded in the page (src/data/import): trained on
   * instead of the benchmark, whose name is then only a label. Copied, not transferred (small).
   */
  images?: SplitSets;
}

export interface MethodSpec {
  /** Unique within a comparison, e.g. 'sgd', 'adamw', 'sgd-freeze'. */
  id: string;
  label: string;
  optimizer: OptimizerConfig;
  freeze: GroupName[];
}

export interface RunSpec {
  /** One method = a single run; several = a comparison from the same weights, seed and batches. */
  methods: MethodSpec[];
  schedule: Schedule;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Evaluate every N steps; 0 = every epoch. */
  evalEvery: number;
  /** Evenly spaced evaluations per epoch (takes precedence over evalEvery when set). */
  evalsPerEpoch?: number;
  maxSteps?: number;
  augment: boolean;
}

export type Command =
  | { type: 'init'; baseUrl: string; backend?: BackendName }
  | { type: 'load'; model: ModelSource; data: DataSource }
  | { type: 'start'; run: RunSpec }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'evaluate' }
  /** Gradient norms at the loaded weights on one training batch (the paper's analysis, lr 0). */
  | { type: 'grad-norms'; batchSize: number; seed: number }
  | { type: 'export'; methodId?: string }
  /** A few ID and OOD images of a benchmark, to show the shift before training (nothing is loaded). */
  | { type: 'samples'; requestId: number; data: DataSource; perSplit: number }
  | { type: 'release' }
  /** After a lost device: go on from the last weight snapshot on another backend. */
  | { type: 'continue'; backend: BackendName }
  /** Test hooks (e2e): destroy the WebGPU device; crash the worker. */
  | { type: 'test:lose-device' }
  | { type: 'test:crash' };

export type ErrorKind = 'device-lost' | 'out-of-memory' | 'diverged' | 'bad-data' | 'bad-checkpoint' | 'backend' | 'internal';

export interface WireError {
  name: string;
  message: string;
  stack?: string;
}

export interface LoadedInfo {
  family: ModelConfig['family'];
  params: number;
  embedParams: number;
  layers: string[];
  embedLayers: string[];
  /** Absent in runs saved before it was sent: the last layer is then taken as the head. */
  headLayers?: string[];
  /** Trainable parameters per layer (absent in older saved runs). */
  layerParams?: Record<string, number>;
  numClasses: number;
  classNames: string[];
  sizes: { train: number; idVal: number; ood: number };
  idMetric: string;
  oodMetric: string;
}

export interface ProgressInfo {
  methodId: string;
  methodIndex: number;
  methods: number;
  step: number;
  totalSteps: number;
  /** Estimated milliseconds left for the whole comparison. */
  etaMs: number;
}

/** Images of one split as [n, 28, 28, 3] RGB bytes, with their labels (and groups, where the benchmark has them). */
export interface SampleImages {
  n: number;
  pixels: ArrayBuffer;
  labels: number[];
  classNames: string[];
  groups?: number[];
  groupNames?: string[];
}

export type WorkerEvent =
  | { type: 'ready'; backend: BackendInfo }
  | { type: 'load-progress'; phase: 'download' | 'decode' | 'build'; message: string; fraction: number }
  | { type: 'loaded'; info: LoadedInfo }
  /** Batched per-step metrics: nothing dropped, at most ~10 messages a second. */
  | { type: 'metrics'; steps: { methodId: string; event: StepEvent }[]; progress: ProgressInfo }
  | { type: 'eval'; methodId: string; event: EvalEvent }
  | { type: 'memory'; methodId: string; accounting: MemoryAccount; measured: MeasuredMemory }
  | { type: 'method-done'; methodId: string; event: DoneEvent }
  | { type: 'run-done'; status: 'finished' | 'stopped' | 'failed' }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'grad-norms'; loss: number; gradNorms: GradNorms; embedToMaxMiddle: number | null }
  | { type: 'exported'; methodId: string; filename: string; bytes: ArrayBuffer }
  /** The reply to `samples`: images, or why there are none (a bad subset); never an 'error' event. */
  | { type: 'samples'; requestId: number; benchmark: string; id?: SampleImages; ood?: SampleImages; error?: string }
  | { type: 'released'; measured: MeasuredMemory }
  | {
      type: 'error';
      kind: ErrorKind;
      error: WireError;
      methodId?: string;
      step?: number;
      /** The run can go on (e.g. from the last snapshot on another backend). */
      recoverable: boolean;
      /** Step of the last weight snapshot kept, when there is one. */
      snapshotStep?: number;
      /** Backends the worker can continue on. */
      alternatives?: BackendName[];
    };

export function toWireError(e: unknown): WireError {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: String(e) };
}
