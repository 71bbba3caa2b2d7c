/**
 * The training worker's state machine: one status at a time, and what each command means in
 * each status. The work lives beside it: the run (run-controller.ts: methods in lockstep,
 * snapshots), the device and its loss (device-recovery.ts), the answers from what is held
 * (session-requests.ts). No DOM; talks only through `post`; tests give it fake ports.
 *
 *   idle -load-> loading -> idle          idle -start-> running <-pause/resume-> paused
 *   running|paused -stop-> stopping -> idle (run-done)     any -lost device-> device-lost
 *   device-lost -continue-> idle, or running again from each method's last snapshot
 */
import type { ShardStore } from '../data/shards/shard-store';
import { isRequest, type BackendName, type Command, type Request } from '../protocol/messages';
import type { RunSpec, WorkerEvent } from '../protocol/messages';
import { crashForTest } from './crash-report';
import { DeviceRecovery } from './device-recovery';
import { EventBatcher } from './event-batcher';
import { errorReport, lossReport, type ErrorReport } from './faults';
import { createWorkerStore, type Progress } from './load-data';
import { describeLoaded, loadSession, type Loaded } from './loaded';
import { PauseGate } from './pause-gate';
import { RunController, type RunStatus } from './run-controller';
import type { SessionPorts } from './session-ports';
import { IDLE, refusal, type ActiveRun, type SessionStatus } from './session-status';
import { answer, type Held } from './session-requests';
import { measureWorkerMemory } from './worker-memory';

type Post = (e: WorkerEvent, transfer?: Transferable[]) => void;

export class Session {
  private readonly batcher: EventBatcher;
  private readonly device: DeviceRecovery;
  private status: SessionStatus = IDLE;
  private baseUrl = '';
  private store: ShardStore | null = null;
  private loaded: Loaded | null = null;
  /** The current or last run: finished methods' weights (export), snapshots (continue). */
  private lastRun: RunController | null = null;
  /** Imports in progress, each aborted by a `cancel-import` notice. */
  private readonly imports = new Set<AbortController>();

  constructor(
    private readonly post: Post,
    private readonly ports: SessionPorts,
  ) {
    this.batcher = new EventBatcher(post);
    this.device = new DeviceRecovery(ports, (why) => this.onDeviceLost(why));
  }

  get state(): SessionStatus {
    return this.status;
  }

  async handle(cmd: Command): Promise<void> {
    try {
      await this.dispatch(cmd);
    } catch (e) {
      this.fail(e, isRequest(cmd) ? { requestId: cmd.requestId } : {});
    }
  }

  private async dispatch(cmd: Command): Promise<void> {
    const s = this.status;
    const refused = refusal(cmd.type, s);
    if (refused) throw refused;
    const held = { loaded: this.loaded, lastRun: this.lastRun, store: this.store };
    switch (cmd.type) {
      case 'init': {
        this.baseUrl = cmd.baseUrl;
        // Progress only while loading: a sample grid's shards are not a load the page waits on.
        const progress: Progress = (phase, message, fraction) =>
          this.status.kind === 'loading' &&
          this.post({ type: 'load-progress', phase, message, fraction });
        this.store ??= createWorkerStore(this.ports.shardSource(cmd.baseUrl), progress);
        const backend = await this.device.start(cmd.backend);
        return this.post({ type: 'ready', requestId: cmd.requestId, backend });
      }
      case 'load':
        return this.load(cmd);
      case 'start':
        return this.start(cmd.run);
      case 'pause':
        if (s.kind !== 'running' && s.kind !== 'paused') return; // nothing to pause (or stopping)
        s.run.gate.pause();
        this.status = { kind: 'paused', run: s.run };
        return this.batcher.send({ type: 'paused' });
      case 'resume':
        if (s.kind !== 'paused') return;
        s.run.gate.resume();
        this.status = { kind: 'running', run: s.run };
        return this.batcher.send({ type: 'resumed' });
      case 'stop':
        if (s.kind !== 'running' && s.kind !== 'paused') return;
        s.run.controller.abort.abort();
        s.run.gate.resume();
        this.status = { kind: 'stopping', run: s.run };
        return;
      case 'evaluate':
        if (!('run' in s)) return answer(cmd, held, this.ports, this.post); // the latest weights
        s.run.controller.requestEvaluation(); // each method evaluates between two of its steps
        // Paused: the models are idle, but they live in the run; done on resume.
        return s.kind === 'paused' ? this.batcher.send({ type: 'paused' }) : undefined;
      case 'grad-norms':
      case 'release':
      case 'export':
      case 'export-project':
      case 'samples':
      case 'check-checkpoint':
        return answer(cmd, held, this.ports, this.post);
      case 'import-images':
        return this.importImages(cmd, held);
      case 'cancel-import':
        for (const a of this.imports) a.abort();
        return;
      case 'continue':
        return this.continueOn(cmd.requestId, cmd.backend);
      case 'test:lose-device':
        return this.device.destroyDevice();
      case 'test:crash':
        return crashForTest(cmd.how ?? 'throw');
    }
  }

  private async load(cmd: Extract<Request, { type: 'load' }>): Promise<void> {
    if (!this.store) throw new Error('init must come before load');
    await this.device.backend; // tensors must be made on the chosen backend
    this.status = { kind: 'loading' };
    try {
      this.loaded = await loadSession(this.store, cmd, this.ports, this.baseUrl, this.post);
      this.lastRun = null;
      const memory = measureWorkerMemory(this.loaded);
      this.post({
        type: 'loaded',
        requestId: cmd.requestId,
        info: describeLoaded(this.loaded),
        memory,
      });
    } finally {
      if (this.status.kind === 'loading') this.status = IDLE; // a lost device stays lost
    }
  }

  private async importImages(
    cmd: Extract<Request, { type: 'import-images' }>,
    held: Held,
  ): Promise<void> {
    const abort = new AbortController();
    this.imports.add(abort);
    try {
      await answer(cmd, { ...held, importSignal: abort.signal }, this.ports, this.post);
    } finally {
      this.imports.delete(abort);
    }
  }

  private start(run: RunSpec): void {
    if (!this.loaded) throw new Error('Load a model and a benchmark first.');
    if (!run.methods.length) throw new Error('Pick at least one method.');
    const controller = new RunController(this.loaded.model, this.loaded.data, run);
    controller.keepFinals(this.lastRun); // the page reuses finished methods (run-reuse.ts)
    this.lastRun = controller;
    this.begin(controller);
  }

  /** One attempt at a run (a continued run is a second attempt of the same controller). */
  private begin(controller: RunController): void {
    const run: ActiveRun = { controller, gate: new PauseGate() };
    this.status = { kind: 'running', run };
    // False once abandoned (a lost device, then maybe a new attempt): it must stay silent.
    const live = (): boolean => 'run' in this.status && this.status.run === run;
    const fail = (e: unknown, extra: Partial<ErrorReport>): void => this.fail(e, extra);
    const { batcher, device } = this;
    let outcome: RunStatus = 'failed';
    void controller
      .run({ batcher, gate: run.gate, live, fail, deviceLostSoon: device.lostSoon })
      .then((status) => (outcome = status))
      .catch((e: unknown) => live() && this.fail(e))
      .finally(() => {
        if (!live()) return;
        this.batcher.send({ type: 'run-done', status: outcome });
        this.status = IDLE;
      });
  }

  private onDeviceLost(why: string): void {
    const active = 'run' in this.status ? this.status.run : null;
    this.status = { kind: 'device-lost', interrupted: active?.controller ?? null };
    // A step in flight may never resolve on a dead device: the run is abandoned, not awaited.
    active?.controller.abort.abort();
    active?.gate.resume();
    this.batcher.send(lossReport(why, this.lastRun?.resumeStep()));
  }

  private async continueOn(requestId: number, backend: BackendName): Promise<void> {
    const s = this.status;
    this.post({ type: 'ready', requestId, backend: await this.device.switchTo(backend) });
    this.status = IDLE;
    // Every unfinished method of the cut-short run goes on from its last snapshot.
    if (s.kind === 'device-lost' && s.interrupted && this.loaded) this.begin(s.interrupted);
  }

  private fail(e: unknown, extra: Partial<ErrorReport> = {}): void {
    this.batcher.send(errorReport(e, extra));
  }
}
