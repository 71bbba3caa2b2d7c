/**
 * Everything the training worker holds and does, behind the message handler: the backend,
 * the loaded data and starting weights, the run (one method or a comparison, one method after
 * another from the same weights, seed and batches), pause/stop, snapshots for recovery, and
 * faults turned into clear events. No DOM; talks only through `post`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { serializeSafetensors } from '../core/checkpoint/safetensors';
import { toStateDict } from '../core/checkpoint/names';
import { embedToMaxMiddleRatio } from '../core/metrics/grad-norms';
import { accountMemory, measureMemory } from '../core/metrics/memory';
import { ModelInstance } from '../core/models/instance';
import { paramSummary } from '../core/models/summary';
import { DEFAULT_NORMALIZE, makeBatch } from '../core/train/batch';
import { evaluate } from '../core/train/evaluate';
import { seededBatchIndices } from '../core/train/first-batch';
import { runTraining, stepsPerEpoch } from '../core/train/run';
import type { ErrorEvent, EvalEvent } from '../core/train/events';
import { measureGradNorms } from '../core/train/step';
import { getBenchmark } from '../data/benchmarks/registry';
import type { BenchmarkData } from '../data/benchmarks/types';
import { benchmarkAugmenter } from '../data/augmenter';
import type { ShardStore } from '../data/shards/shard-store';
import { toWireError, type BackendInfo, type BackendName, type Command, type LoadedInfo, type RunSpec, type WorkerEvent } from '../protocol/messages';
import { selectBackend, webgpuDevice } from './backend';
import { EventBatcher } from './event-batcher';
import { advice, classify, DeviceLostError } from './faults';
import { releaseFreeGpuBuffers } from './gpu-memory';
import { createWorkerStore, loadData } from './load-data';
import { loadModel, type LoadedModel } from './load-model';
import { PauseGate } from './pause-gate';
import { sampleImages } from './sample-images';

type Post = (e: WorkerEvent, transfer?: Transferable[]) => void;

interface Snapshot {
  methodIndex: number;
  step: number;
  weights: Map<string, Float32Array>;
}

/** Weight snapshots (one readback of all weights) at most every this many steps. */
const SNAPSHOT_EVERY = 10;
/** How long the end of a method waits for its last filter readback before going on without it. */
const FILTERS_WAIT_MS = 5000;

/** The first layer's conv weight (patch embedding / stem), [kh, kw, cin, cout]: the filter pictures. */
function filterParam(m: ModelInstance): string | undefined {
  const first = m.def.layers[0];
  return m.def.specs.find((s) => s.layer === first && s.kind === 'param' && s.layout === 'conv' && s.shape.length === 4)?.name;
}

/** An evaluation with the first layer's filters, read back now (before the next step changes them). */
function withFilters(m: ModelInstance, e: EvalEvent): Promise<EvalEvent> {
  const param = filterParam(m);
  if (!param) return Promise.resolve(e);
  const shape = [...m.def.specs.find((s) => s.name === param)!.shape];
  // readAll queues the copy synchronously: the weights are those of this evaluation. A failed
  // readback costs the pictures, never the evaluation.
  return m.readAll([param]).then(
    (w) => ({ ...e, filters: { param, shape, values: Array.from(w.get(param) ?? []) } }),
    () => e,
  );
}

const settle = (p: Promise<void>, ms: number): Promise<void> => Promise.race([p, new Promise<void>((res) => setTimeout(res, ms))]);

export class Session {
  private readonly batcher: EventBatcher;
  private baseUrl = '';
  private backend: BackendInfo | null = null;
  private starting: Promise<BackendInfo> | null = null;
  /** Bumped when a run is abandoned (device loss): a stale runFrom sees it and stays silent. */
  private generation = 0;
  /** A run was going when the device was lost: `continue` resumes it. */
  private interrupted = false;
  private loading = false;
  private store: ShardStore | null = null;
  private model: LoadedModel | null = null;
  private data: BenchmarkData | null = null;
  private readonly gate = new PauseGate();
  private abort: AbortController | null = null;
  private running: Promise<void> | null = null;
  private run: RunSpec | null = null;
  private snapshot: Snapshot | null = null;
  private deviceLost = false;
  private evalRequested = false;
  /** Final weights of each finished method (host copies), for export. */
  private readonly finals = new Map<string, { weights: Map<string, Float32Array>; steps: number }>();

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
          if (!this.running || this.abort?.signal.aborted) return; // nothing to pause (or stopping)
          this.gate.pause();
          return this.batcher.send({ type: 'paused' });
        case 'resume':
          this.gate.resume();
          return this.batcher.send({ type: 'resumed' });
        case 'stop':
          this.abort?.abort();
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
    this.abort?.abort();
    this.gate.resume();
    const alternatives: BackendName[] = ['webgl', 'cpu'];
    const err = new DeviceLostError(`The WebGPU device was lost (${why}).`);
    this.fail(err, { recoverable: true, snapshotStep: this.snapshot?.step, alternatives });
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
    this.finals.clear();
    this.snapshot = null;
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
    this.run = run;
    this.finals.clear();
    this.snapshot = null;
    this.evalRequested = false;
    this.gate.resume();
    this.running = this.runFrom(run, 0, 0);
  }

  /** Runs methods[from..] one after another; `startStep` > 0 resumes methods[from] from the snapshot. */
  private async runFrom(run: RunSpec, from: number, startStep: number): Promise<void> {
    const gen = this.generation;
    const live = (): boolean => gen === this.generation; // false once abandoned (device lost)
    const lm = this.model as LoadedModel;
    const data = this.data as BenchmarkData;
    const abort = new AbortController();
    this.abort = abort;
    const perMethod = Math.min(stepsPerEpoch(data.sets.train.n, run.batchSize) * run.epochs, run.maxSteps ?? Infinity);
    // ETA from wall time per step since this run began: evaluations and snapshots included.
    const began = performance.now();
    let stepsDone = 0;
    let status: 'finished' | 'stopped' | 'failed' = 'finished';
    let model: ModelInstance | null = null;
    // Evaluations wait for their filter readback; the events after one (memory, method-done)
    // are chained behind it so they keep their order. Steps are not held: the store keeps
    // steps and evaluations apart.
    let outbox: Promise<void> = Promise.resolve();
    const later = (send: () => void): void => {
      outbox = outbox.then(() => {
        if (!this.deviceLost && live()) send();
      });
    };
    try {
      for (let i = from; i < run.methods.length && status === 'finished'; i++) {
        const method = run.methods[i] as RunSpec['methods'][number];
        const m = ModelInstance.fromValues(lm.def, i === from && startStep > 0 && this.snapshot ? this.snapshot.weights : lm.weights);
        model = m;
        if (i !== from || startStep === 0) this.snapshot = { methodIndex: i, step: 0, weights: lm.weights };
        const failed: { event: ErrorEvent | null } = { event: null }; // set by onEvent
        const accounting = accountMemory(lm.def, method.optimizer, new Set(method.freeze));
        this.batcher.send({ type: 'memory', methodId: method.id, accounting, measured: measureMemory() });
        const result = await runTraining(
          m,
          data.sets,
          {
            optimizer: method.optimizer,
            schedule: run.schedule,
            freeze: method.freeze,
            epochs: run.epochs,
            batchSize: run.batchSize,
            seed: run.seed,
            evalEvery: run.evalEvery,
            maxSteps: run.maxSteps,
            startStep: i === from ? startStep : 0,
            evalAtStart: !(i === from && startStep > 0),
          },
          {
            signal: abort.signal,
            groupWeights: data.trainGroupWeights,
            augment: run.augment ? benchmarkAugmenter(data) : undefined,
            beforeStep: async (step) => {
              await this.gate.wait();
              if (this.deviceLost || !live()) throw new DeviceLostError('The WebGPU device was lost.');
              if (this.evalRequested) {
                this.evalRequested = false;
                const id = await evaluate(m, data.sets.idVal, DEFAULT_NORMALIZE, { groupWeights: data.trainGroupWeights });
                const ood = await evaluate(m, data.sets.ood, DEFAULT_NORMALIZE);
                this.batcher.send({ type: 'eval', methodId: method.id, event: { type: 'eval', step, epoch: -1, id, ood, drift: {} } });
              }
              if (step > 0 && step % SNAPSHOT_EVERY === 0) {
                const weights = await m.readAll();
                if (live()) this.snapshot = { methodIndex: i, step, weights };
              }
            },
            onEvent: (e) => {
              if (this.deviceLost || !live()) return;
              if (e.type === 'step') {
                stepsDone++;
                const msPerStep = (performance.now() - began) / stepsDone;
                const left = perMethod - e.step + (run.methods.length - i - 1) * perMethod;
                this.batcher.step(method.id, e, { methodId: method.id, methodIndex: i, methods: run.methods.length, step: e.step, totalSteps: perMethod, etaMs: left * msPerStep });
              } else if (e.type === 'eval') {
                const ev = withFilters(m, e);
                outbox = outbox.then(async () => {
                  const event = await ev;
                  if (this.deviceLost || !live()) return;
                  this.batcher.send({ type: 'eval', methodId: method.id, event });
                  this.batcher.send({ type: 'memory', methodId: method.id, accounting, measured: measureMemory() });
                });
              } else if (e.type === 'done') {
                later(() => this.batcher.send({ type: 'method-done', methodId: method.id, event: e }));
                if (e.status === 'stopped') status = 'stopped';
              } else {
                status = 'failed';
                failed.event = e;
              }
            },
          },
        );
        await settle(outbox, FILTERS_WAIT_MS);
        const runError = failed.event;
        if (runError && (await this.deviceLostSoon(runError.error))) return; // onDeviceLost reports it
        if (this.deviceLost || !live()) return; // abandoned: onDeviceLost already reported
        if (runError) this.fail(Object.assign(new Error(runError.error.message), { name: runError.error.name }), { methodId: method.id, step: runError.step });
        if (result.type === 'done') this.finals.set(method.id, { weights: await m.readAll(), steps: result.steps });
        m.dispose();
        model = null;
      }
    } catch (e) {
      // Failures outside the training loop (building the model, a snapshot, an evaluation).
      if (!live()) return;
      status = 'failed';
      if (!(await this.deviceLostSoon(toWireError(e)))) this.fail(e);
    } finally {
      model?.dispose();
      if (live() && !this.deviceLost) await settle(outbox, FILTERS_WAIT_MS);
      if (live() && !this.deviceLost) {
        this.evalRequested = false;
        this.batcher.send({ type: 'run-done', status });
        this.running = null;
        this.abort = null;
      }
    }
  }

  private async evaluateNow(): Promise<void> {
    if (this.running && !this.gate.paused) {
      this.evalRequested = true; // done between two steps of the running method
      return;
    }
    if (this.running) {
      this.evalRequested = true; // paused: the model is idle, but it lives in the run; done on resume
      return this.batcher.send({ type: 'paused' });
    }
    if (!this.model || !this.data) throw new Error('Load a model and a benchmark first.');
    const last = [...this.finals.entries()].at(-1);
    const m = ModelInstance.fromValues(this.model.def, last?.[1].weights ?? this.model.weights);
    try {
      const id = await evaluate(m, this.data.sets.idVal, DEFAULT_NORMALIZE, { groupWeights: this.data.trainGroupWeights });
      const ood = await evaluate(m, this.data.sets.ood, DEFAULT_NORMALIZE);
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
    if (methodId !== undefined && !this.finals.has(methodId)) {
      throw new Error(`Method ${methodId} has not finished a run: nothing of it to export yet.`);
    }
    const id = methodId ?? [...this.finals.keys()].at(-1);
    const fin = id ? this.finals.get(id) : undefined;
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
    this.finals.clear();
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
    if (!this.interrupted || !this.run || !this.model) return; // idle loss: the new backend is all we needed
    this.interrupted = false;
    const snap = this.snapshot;
    this.running = this.runFrom(this.run, snap?.methodIndex ?? 0, snap?.step ?? 0);
  }
}
