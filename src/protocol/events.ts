/**
 * The worker's side of the wire (messages.ts, which re-exports all of this): every event it
 * sends, the replies among them, the error shape that crosses as a plain object, and what a
 * load, a run's progress and a worker's memory report. Types only, but for toWireError.
 */
import type { MemoryAccount, MeasuredMemory } from '../spec/memory-account';
import type { ModelConfig } from '../spec/model-config';
import type { DoneEvent, EvalEvent, StepEvent } from '../core/train/events';
import type { GradNorms } from '../core/metrics/grad-norms';
import type { SplitSets } from '../core/image-set';
import type { ImportReport } from '../data/import/import-images';
import type {
  BackendInfo,
  BackendName,
  CheckpointFit,
  CheckpointRef,
  WeightsFormat,
} from './messages';

export type ErrorKind =
  | 'device-lost'
  | 'out-of-memory'
  | 'diverged'
  | 'bad-data'
  | 'bad-checkpoint'
  | 'backend'
  | 'internal';

export interface WireError {
  name: string;
  message: string;
  stack?: string;
}

export interface LoadedInfo {
  family: ModelConfig['family'];
  /** Trainable parameters, the head included (spec/param-summary.ts). */
  params: number;
  /** Those of the classification head (absent in runs saved before it was sent). */
  headParams?: number;
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
  /** What was loaded: a digest of the load's model and data sources (equal loads, equal ids; absent in older saved runs). */
  loadId?: string;
  /** The user's own checkpoint the weights came from (absent for a shipped or random start). */
  checkpoint?: CheckpointRef;
}

/**
 * A worker's memory once loaded (worker/worker-memory.ts), for the page's pool to size itself:
 * tfjs's tensor bytes, the wasm heap (wasm backend only: where its tensors live), the host
 * copies of the data and the starting weights, and the used JS heap (Chromium only).
 */
export interface WorkerMemory {
  tfBytes: number;
  wasmHeapBytes?: number;
  dataBytes: number;
  weightBytes: number;
  jsHeapBytes?: number;
}

export interface ProgressInfo {
  methodId: string;
  methodIndex: number;
  /** Methods still training side by side (one that diverged or finished no longer counts). */
  methods: number;
  step: number;
  totalSteps: number;
  /** Estimated milliseconds left for the whole comparison: the live methods' steps only. */
  etaMs: number;
}

/** Images of one split as [n, 28, 28, 4] RGBA bytes for a canvas, with their labels (and groups, where the benchmark has them). */
export interface SampleImages {
  n: number;
  pixels: ArrayBuffer;
  labels: number[];
  classNames: string[];
  groups?: number[];
  groupNames?: string[];
}

export type WorkerEvent =
  | { type: 'ready'; requestId: number; backend: BackendInfo }
  | {
      type: 'load-progress';
      phase: 'download' | 'decode' | 'build';
      message: string;
      fraction: number;
    }
  | { type: 'loaded'; requestId: number; info: LoadedInfo; memory?: WorkerMemory }
  /**
   * WebGPU only: every method's shaders are being compiled before the first step
   * (worker/precompile-run.ts), which takes seconds; 'done' comes before the first 'metrics'.
   * Never sent where nothing compiles ahead (webgl, wasm, cpu).
   */
  | { type: 'preparing-kernels'; phase: 'start'; methods: number }
  | { type: 'preparing-kernels'; phase: 'done'; ms: number }
  /** Batched per-step metrics: nothing dropped, at most ~10 messages a second. */
  | { type: 'metrics'; steps: { methodId: string; event: StepEvent }[]; progress: ProgressInfo }
  | { type: 'eval'; methodId: string; event: EvalEvent }
  | { type: 'memory'; methodId: string; accounting: MemoryAccount; measured: MeasuredMemory }
  | { type: 'method-done'; methodId: string; event: DoneEvent }
  | { type: 'run-done'; status: 'finished' | 'stopped' | 'failed' }
  | { type: 'paused' }
  | { type: 'resumed' }
  | {
      type: 'grad-norms';
      requestId: number;
      loss: number;
      gradNorms: GradNorms;
      embedToMaxMiddle: number | null;
    }
  | {
      type: 'exported';
      requestId: number;
      methodId: string;
      format: WeightsFormat;
      filename: string;
      bytes: ArrayBuffer;
    }
  /** The zip (src/project/build-project.ts) and the size of each file in it, before compression. */
  | {
      type: 'project-exported';
      requestId: number;
      filename: string;
      bytes: ArrayBuffer;
      sizes: Record<string, number>;
    }
  /** The reply to `samples`: images, or why there are none (a bad subset); never an 'error' event. */
  | {
      type: 'samples';
      requestId: number;
      benchmark: string;
      id?: SampleImages;
      ood?: SampleImages;
      error?: string;
    }
  /** The reply to `import-images`: the sets and what was kept and skipped, or why nothing can be used. */
  | {
      type: 'images-imported';
      requestId: number;
      sets?: SplitSets;
      report?: ImportReport;
      error?: string;
    }
  | { type: 'released'; requestId: number; measured: MeasuredMemory }
  /** The reply to `check-checkpoint`: what the file fits, or why it is refused (the reader's or the spec check's message); never an 'error' event. */
  | { type: 'checkpoint-checked'; requestId: number; fit?: CheckpointFit; error?: string }
  | {
      type: 'error';
      /** The request this error answers; absent for a run's errors and a lost device. */
      requestId?: number;
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
