/**
 * The typed wire between the UI (main thread) and the training worker: every message, both
 * ways, and nothing else. Discriminated unions on `type`; errors cross as plain objects; large
 * byte arrays travel as transferred ArrayBuffers. Type-only imports from core and data.
 *
 * A command that expects an answer (a `Request`) carries a `requestId`, and exactly one event
 * answers it: its reply (`REPLY_TYPE`) or an 'error', both carrying the same id
 * (worker/client.ts `request()` turns that into a promise of exactly that reply). The other
 * commands (`Notice`) steer a run whose events stream to every listener.
 */
import type { MemoryAccount, MeasuredMemory } from '../core/spec/memory-account';
import type { GroupName } from '../core/spec/param-spec';
import type { ModelConfig } from '../core/spec/model-config';
import type { OptimizerConfig } from '../core/spec/optimizer-config';
import type { Schedule } from '../core/optim/schedule';
import type { AccuracyReport } from '../core/metrics/accuracy';
import type { DoneEvent, EvalEvent, FilterSnapshot, StepEvent } from '../core/train/events';
import type { GradNorms } from '../core/metrics/grad-norms';
import type { SplitSets } from '../core/image-set';
import type { ImportReport } from '../data/import/import-images';

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

/** The user's own checkpoint as a run's record and its exports name it: the file's name and SHA-256 (hex). */
export interface CheckpointRef {
  file: string;
  sha256: string;
}

/**
 * The user's own checkpoint (dropped or picked on the page, checked by `check-checkpoint`): its
 * bytes, and the architecture the check found them to fit (`numClasses`: the file's own head).
 * Copied to each worker, not transferred: the page keeps the bytes for the pool's other
 * workers and the client replays a load after a crash (worker/client.ts).
 */
export interface OwnCheckpointSource extends CheckpointRef {
  kind: 'own';
  config: ModelConfig;
  bytes: ArrayBuffer;
  seed: number;
}

/** Where the model comes from. `numClasses` always follows the loaded data (a fresh head, unless an own checkpoint's head fits). */
export type ModelSource =
  | { kind: 'scratch'; config: ModelConfig; seed: number }
  /** A shipped checkpoint from public/models/manifest.json, by name. */
  | { kind: 'pretrained'; name: string; seed: number }
  | OwnCheckpointSource;

/** A model source as an export names it: an own checkpoint by its name and hash, without its bytes. */
export type ModelRef = Exclude<ModelSource, OwnCheckpointSource> | ({ kind: 'own'; seed: number } & CheckpointRef);

/** What `check-checkpoint` found an own checkpoint to be. */
export interface CheckpointFit extends CheckpointRef {
  /** The architecture it fits, `numClasses` its head's (null: no head that fits, a fresh one is made). */
  config: ModelConfig;
  headClasses: number | null;
  bytes: number;
  /** The file's __metadata__ (e.g. train.py's method and steps), as written. */
  metadata: Record<string, string>;
}

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
   * The user's own images, imported and decoded by the worker (`import-images`) and kept by the
   * page, which sends them with every load (a restarted worker gets them again): trained on
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
  /** Learning-rate multiplier per group (the paper's smaller embedding rate: { embed: 0.2 }). */
  lrScale?: Partial<Record<GroupName, number>>;
  /** Gradual unfreezing (core/spec/unfreeze-schedule.ts): head first, one more block at even intervals. */
  gradualUnfreeze?: boolean;
  /** LP-FT: `epochs` head-only epochs at rate `lr`, added before the run's epochs (core/train/linear-probe.ts). */
  linearProbe?: { epochs: number; lr: number };
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
  | { type: 'export'; requestId: number; methodId?: string; format?: WeightsFormat; settings?: unknown; hash?: string }
  /** A few ID and OOD images of a benchmark, to show the shift before training (nothing is loaded). */
  | { type: 'samples'; requestId: number; data: DataSource; perSplit: number }
  /** Decode the user's own images (src/data/import) into training, validation and OOD sets. */
  | { type: 'import-images'; requestId: number; files: PickedImage[]; seed: number }
  /**
   * The user's own checkpoint, read by the strict reader and matched against each architecture
   * (core/checkpoint/identify.ts): `candidates` adds the shipped checkpoints' configs to the
   * size presets. The bytes are a copy, transferred.
   */
  | { type: 'check-checkpoint'; requestId: number; file: string; bytes: ArrayBuffer; candidates: ModelConfig[] }
  | { type: 'release'; requestId: number }
  /** After a lost device: go on from the last weight snapshot on another backend. */
  | { type: 'continue'; requestId: number; backend: BackendName }
  /** The loaded data and starting weights with the page's run settings, as a PyTorch project (.zip). */
  /**
   * `run` and `model` are the run's own settings (its history record), not the controls now;
   * `loadId` is the load that run trained on (its LoadedInfo): the worker refuses when it holds
   * another since.
   */
  | { type: 'export-project'; requestId: number; run: RunSpec; model: ModelRef; loadId?: string; origin?: SettingsOrigin };

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

export type ErrorKind = 'device-lost' | 'out-of-memory' | 'diverged' | 'bad-data' | 'bad-checkpoint' | 'backend' | 'internal';

export interface WireError {
  name: string;
  message: string;
  stack?: string;
}

export interface LoadedInfo {
  family: ModelConfig['family'];
  /** Trainable parameters, the head included (core/spec/param-summary.ts). */
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
  | { type: 'load-progress'; phase: 'download' | 'decode' | 'build'; message: string; fraction: number }
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
  | { type: 'grad-norms'; requestId: number; loss: number; gradNorms: GradNorms; embedToMaxMiddle: number | null }
  | { type: 'exported'; requestId: number; methodId: string; format: WeightsFormat; filename: string; bytes: ArrayBuffer }
  /** The zip (src/project/build-project.ts) and the size of each file in it, before compression. */
  | { type: 'project-exported'; requestId: number; filename: string; bytes: ArrayBuffer; sizes: Record<string, number> }
  /** The reply to `samples`: images, or why there are none (a bad subset); never an 'error' event. */
  | { type: 'samples'; requestId: number; benchmark: string; id?: SampleImages; ood?: SampleImages; error?: string }
  /** The reply to `import-images`: the sets and what was kept and skipped, or why nothing can be used. */
  | { type: 'images-imported'; requestId: number; sets?: SplitSets; report?: ImportReport; error?: string }
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
