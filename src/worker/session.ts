/**
 * Everything the training worker holds and does, behind the message handler: the backend,
 * the loaded data and starting weights, the run (run-controller.ts: one method or a comparison
 * in lockstep from the same weights, seed and batches), pause/stop, recovery after a lost
 * device, and faults turned into clear events. No DOM; talks only through `post`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { serializeSafetensors } from '../core/checkpoint/safetensors';
import { toStateDict } from '../core/checkpoint/names';
import { embedToMaxMiddleRatio } from '../core/metrics/grad-norms';
import { measureMemory } from '../core/metrics/memory';
import { ModelInstance } from '../core/models/instance';
import { paramSummary } from '../core/models/summary';
import { DEFAULT_NORMALIZE, makeBatch } from '../core/train/batch';
import { evaluateSplits } from '../core/train/evaluate';
import { seededBatchIndices } from '../core/train/first-batch';
import { measureGradNorms } from '../core/train/step';
import { getBenchmark } from '../data/benchmarks/registry';
import type { BenchmarkData } from '../data/benchmarks/types';
import type { ShardStore } from '../data/shards/shard-store';
import { toWireError, type BackendInfo, type BackendName, type Command, type LoadedInfo, type RunSpec, type WorkerEvent } from '../protocol/messages';
import { selectBackend, webgpuDevice } from './backend';
import { RunController, type RunStatus } from './run-controller';
import { EventBatcher } from './event-batcher';
import { advice, classify, DeviceLostError } from './faults';
import { releaseFreeGpuBuffers } from './gpu-memory';
import { createWorkerStore, loadData } from './load-data';
import { loadModel, type LoadedModel } from './load-model';
import { PauseGate } from './pause-gate';
import { sampleImages } from './sample-images';

type Post = (e: WorkerEvent, transfer?: Transferable[]) => void;

export class Session {
  private readonly batcher: EventBatcher;
  private baseUrl = '';
  private backend: BackendInfo | null = null;
  private starting: Promise<BackendInfo> | null = null;
  /** Bumped when a run is abandoned (device loss): a stale run attempt sees it and stays silent. */
  private generation = 0;
  /** A run was going when the device was lost: `continue` resumes it. */
  private interrupted = false;
  private loading = false;
  private store: ShardStore | null = null;
  private model: LoadedModel | null = null;
  private data: BenchmarkData | null = null;
  private readonly gate = new PauseGate();
  private running: Promise<void> | null = null;
  /** The current or last run: its snapshots (recovery) and finished methods' weights (export). */
  private controller: RunController | null = null;
  private deviceLost = false;

  constructor(private readonly post: Post) {
    this.batcher = new EventBatcher(post);
  }

  async handle(cmd: Command): Promise<void> {
    try {
      switch (cmd.type) {
        case 'init':
          return await this.init(cmd.baseUrl, cmd.backend);
        case 'load':
          return await this.load(cmd);
        case 'start':
          return this.start(cmd.run);
        case 'pause':
          if (!this.running || this.controller?.abort.signal.aborted) return; // nothing to pause (or stopping)
          this.gate.pause();
          return this.batcher.send({ type: 'paused' });
        case 'resume':
          this.gate.resume();
          return this.batcher.send({ type: 'resumed' });
        case 'stop':
          if (this.running) this.controller?.abort.abort();
          this.gate.resume();
          return;
        case 'evaluate':
          return await this.evaluateNow();
        case 'grad-norms':
          return await this.gradNorms(cmd.batchSize, cmd.seed);
        case 'export':
          return this.export(cmd.methodId);
        case 'samples':
          return await this.samples(cmd);
        case 'release':
          return this.release();
        case 'continue':
          return await this.continueOn(cmd.backend);
        case 'test:lose-device': {
          const d = webgpuDevice();
          if (!d) throw new Error('test:lose-device needs the webgpu backend');
          d.destroy();
          return;
        }
        case 'test:crash':
          // Thrown outside any handler: the worker's global error, as a real crash would be.
          setTimeout(() => {
            throw new Error('test crash requested');
          });
          return;
      }
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown, extra: Partial<Extract<WorkerEvent, { type: 'error' }>> = {}): void {
    const kind = classify(e);
    const error = toWireError(e);
    if (kind !== 'diverged') error.message = `${error.message} ${advice(kind)}`; // NonFiniteError already says what to do
    this.batcher.send({ type: 'error', kind, error, recoverable: kind === 'device-lost', ...extra });
  }

  /**
   * Idempotent: a second init (React StrictMode runs effects twice in development; a client
   * replays init after a crash) waits for the first instead of racing it for the GPU.
   */
  private async init(baseUrl: string, forced?: BackendName): Promise<void> {
    this.baseUrl = baseUrl;
    // Progress only while loading: shards fetched for a sample grid are not a load the UI waits on.
    this.store ??= createWorkerStore(baseUrl, (phase, message, fraction) => this.loading && this.post({ type: 'load-progress', phase, message, fraction }));
    this.starting ??= selectBackend(forced).then(
      (b) => {
        this.backend = b;
        this.watchDevice();
        return b;
      },
      (e: unknown) => {
        this.starting = null; // a later init (another backend, a replay) may succeed
        throw e;
      },
    );
    this.post({ type: 'ready', backend: await this.starting });
  }

  private watchDevice(): void {
    const device = webgpuDevice();
    if (!device) return;
    void device.lost.then((info) => this.onDeviceLost(info.message || info.reason || 'unknown reason'));
  }

  private onDeviceLost(why: string): void {
    if (this.deviceLost) return; // reported once, whether the run or device.lost noticed first
    this.deviceLost = true;
    this.interrupted = this.running !== null;
    this.generation++; // the abandoned run, if it ever wakes up, must not touch session state
    if (this.running) this.controller?.abort.abort();
    this.gate.resume();
    const alternatives: BackendName[] = ['webgl', 'wasm', 'cpu'];
    const err = new DeviceLostError(`The WebGPU device was lost (${why}).`);
    this.fail(err, { recoverable: true, snapshotStep: this.snapshotStep(), alternatives });
    // A step in flight may never resolve on a dead device: the run is abandoned, not awaited.
    this.running = null;
  }

  /**
   * Whether a failed step was really the GPU going away: a step in flight fails (e.g. mapAsync
   * aborted) a moment before device.lost resolves, so give the device a second to say so.
   */
  private async deviceLostSoon(error: { name: string; message: string }): Promise<boolean> {
    if (this.deviceLost || classify(error) === 'device-lost') {
      this.onDeviceLost(error.message);
      return true;
    }
    const device = webgpuDevice();
    if (!device) return false;
    const lost = await Promise.race([device.lost.then(() => true), new Promise<boolean>((res) => setTimeout(() => res(false), 1000))]);
    if (lost) this.onDeviceLost(error.message);
    return lost;
  }

  private async load(cmd: Extract<Command, { type: 'load' }>): Promise<void> {
    if (this.running) throw new Error('A run is in progress: stop it before loading another model or benchmark.');
    if (!this.store) throw new Error('init must come before load');
    if (this.starting) await this.starting; // tensors must be made on the chosen backend
    this.loading = true;
    try {
      await this.loadNow(cmd);
    } finally {
      this.loading = false;
    }
  }

  private async loadNow(cmd: Extract<Command, { type: 'load' }>): Promise<void> {
    if (!this.store) throw new Error('init must come before load');
    const data = await loadData(this.store, cmd.data, (phase, message, fraction) => this.post({ type: 'load-progress', phase, message, fraction }));
    this.post({ type: 'load-progress', phase: 'build', message: 'building the model', fraction: 0.95 });
    const model = await loadModel(cmd.model, data.sets.train.numClasses, this.baseUrl);
    this.data = data;
    this.model = model;
    this.controller = null;
    this.post({ type: 'loaded', info: this.describe() });
  }

  private describe(): LoadedInfo {
    const { def, config } = this.model as LoadedModel;
    const data = this.data as BenchmarkData;
    return {
      family: config.family,
      ...paramSummary(def),
      layers: [...def.layers],
      numClasses: data.sets.train.numClasses,
      classNames: [...(data.sets.train.classNames ?? [])],
      sizes: { train: data.sets.train.n, idVal: data.sets.idVal.n, ood: data.sets.ood.n },
      idMetric: data.idMetric,
      oodMetric: data.oodMetric,
    };
  }

  private start(run: RunSpec): void {
    if (this.running) throw new Error('A run is already in progress.');
    if (this.loading) throw new Error('A model or benchmark is still loading: start when it is loaded.');
    if (!this.model || !this.data) throw new Error('Load a model and a benchmark first.');
    if (!run.methods.length) throw new Error('Pick at least one method.');
    if (this.deviceLost) throw new DeviceLostError('The GPU device was lost: continue on another backend first.');
    const prev = this.controller;
    this.controller = new RunController(this.model, this.data, run);
    // Methods the page kept from the last run (it reuses finished ones, run-reuse.ts) stay exportable.
    for (const [id, f] of prev?.finals ?? []) if (!run.methods.some((m) => m.id === id)) this.controller.finals.set(id, f);
    this.gate.resume();
    this.running = this.attempt(this.controller);
  }

  /** The earliest step every unfinished method could continue from (for the lost-device message). */
  private snapshotStep(): number | undefined {
    const c = this.controller;
    if (!c) return undefined;
    const steps = c.spec.methods.flatMap((m, i) => (c.finals.has(m.id) ? [] : [c.snapshots.get(i)?.step ?? 0]));
    return steps.length ? Math.min(...steps) : undefined;
  }

  /** One attempt at a run (a continued run is a second attempt of the same controller). */
  private async attempt(c: RunController): Promise<void> {
    const gen = this.generation;
    const live = (): boolean => gen === this.generation && !this.deviceLost; // false once abandoned
    let status: RunStatus = 'failed';
    try {
      status = await c.run({
        batcher: this.batcher,
        gate: this.gate,
        live,
        fail: (e, extra) => this.fail(e, extra),
        deviceLostSoon: (error) => this.deviceLostSoon(error),
      });
    } catch (e) {
      if (live()) this.fail(e);
    } finally {
      if (live()) {
        this.batcher.send({ type: 'run-done', status });
        this.running = null;
      }
    }
  }

  private async evaluateNow(): Promise<void> {
    if (this.running && this.controller) {
      this.controller.requestEvaluation(); // each method evaluates between two of its steps
      // Paused: the models are idle, but they live in the run; done on resume.
      if (this.gate.paused) this.batcher.send({ type: 'paused' });
      return;
    }
    if (!this.model || !this.data) throw new Error('Load a model and a benchmark first.');
    const last = [...(this.controller?.finals.entries() ?? [])].at(-1);
    const m = ModelInstance.fromValues(this.model.def, last?.[1].weights ?? this.model.weights);
    try {
      const { id, ood } = await evaluateSplits(m, this.data.sets, DEFAULT_NORMALIZE, this.data.trainGroupWeights);
      this.post({ type: 'eval', methodId: last?.[0] ?? 'pretrained', event: { type: 'eval', step: last?.[1].steps ?? 0, epoch: -1, id, ood, drift: {} } });
    } finally {
      m.dispose();
    }
  }

  private async gradNorms(batchSize: number, seed: number): Promise<void> {
    if (!this.model || !this.data) throw new Error('Load a model and a benchmark first.');
    const set = this.data.sets.train;
    const m = ModelInstance.fromValues(this.model.def, this.model.weights);
    const { x, y } = makeBatch(set, seededBatchIndices(set.n, batchSize, seed), DEFAULT_NORMALIZE);
    try {
      const r = await measureGradNorms(m, x, y);
      this.post({ type: 'grad-norms', loss: r.loss, gradNorms: r.gradNorms, embedToMaxMiddle: embedToMaxMiddleRatio(m.def, r.gradNorms.perLayer) });
    } finally {
      tf.dispose([x, y]);
      m.dispose();
    }
  }

  private export(methodId?: string): void {
    if (!this.model) throw new Error('Nothing to export: load a model first.');
    const finals = this.controller?.finals ?? new Map<string, { weights: Map<string, Float32Array>; steps: number }>();
    if (methodId !== undefined && !finals.has(methodId)) {
      throw new Error(`Method ${methodId} has not finished a run: nothing of it to export yet.`);
    }
    const id = methodId ?? [...finals.keys()].at(-1);
    const fin = id ? finals.get(id) : undefined;
    // With no finished method, the starting (pretrained) weights: never an unlabelled mid-run snapshot.
    const weights = fin?.weights ?? this.model.weights;
    const bytes = serializeSafetensors(toStateDict(this.model.def, weights), {
      format: 'pt',
      config: JSON.stringify(this.model.config),
      method: id ?? 'pretrained',
      steps: String(fin?.steps ?? 0),
    });
    const buf = bytes.buffer as ArrayBuffer;
    this.post({ type: 'exported', methodId: id ?? 'pretrained', filename: `fine-tuned-${this.model.config.family}-${id ?? 'pretrained'}.safetensors`, bytes: buf }, [buf]);
  }

  /**
   * A few images of each split the shift is about (ID validation, OOD), for the grid shown
   * before training. Builds the benchmark with just enough images per class from the cached shards;
   * the loaded model and data are untouched.
   */
  private async samples(cmd: Extract<Command, { type: 'samples' }>): Promise<void> {
    if (!this.store) throw new Error('init must come before samples');
    const reply = { type: 'samples' as const, requestId: cmd.requestId, benchmark: cmd.data.benchmark };
    let data: BenchmarkData;
    try {
      const k = cmd.data.classes?.length || (getBenchmark(cmd.data.benchmark).classNames.length ?? 2);
      const per = Math.max(1, Math.ceil(cmd.perSplit / k));
      data = await loadData(this.store, { ...cmd.data, trainPerClass: 1, valPerClass: per, oodPerClass: per }, () => undefined);
    } catch (e) {
      return this.post({ ...reply, error: (e as Error).message });
    }
    const id = sampleImages(data.sets.idVal, cmd.perSplit);
    const ood = sampleImages(data.sets.ood, cmd.perSplit);
    this.post({ ...reply, id, ood }, [id.pixels, ood.pixels]);
  }

  private release(): void {
    if (this.running) throw new Error('Stop the run before releasing GPU memory.');
    this.controller?.finals.clear();
    releaseFreeGpuBuffers();
    this.post({ type: 'released', measured: measureMemory() });
  }

  private async continueOn(backend: BackendName): Promise<void> {
    if (this.running) throw new Error('A run is in progress.');
    this.backend = await selectBackend(backend, this.deviceLost ? ['webgpu'] : []);
    this.starting = Promise.resolve(this.backend);
    this.deviceLost = false;
    this.watchDevice();
    this.post({ type: 'ready', backend: this.backend });
    if (!this.interrupted || !this.controller || !this.model) return; // idle loss: the new backend is all we needed
    this.interrupted = false;
    this.running = this.attempt(this.controller); // every unfinished method from its last snapshot
  }
}
