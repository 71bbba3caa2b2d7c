/**
 * The page's training workers: worker 0 (the page's own client) and as many more as a
 * comparison gets (pool-size.ts), each with its own worker, session and worker 0's backend (so
 * every run computes alike). A pool run gives each worker its jobs (plan-jobs.ts) in turn: load
 * the seed, train its methods in lockstep, wait for the end. Methods fail alone; a crashed worker
 * fails only its own runs. Events reach the page tagged with the job's seed (session-slice
 * `apply`); outside a job only worker 0's go on, untagged. The pool ends with one untagged
 * 'run-done' whose status is the whole's.
 */
import type { BackendName, WorkerMemory } from '../../protocol/messages';
import { TrainingClient, type ClientEvent } from '../worker-client/training-client';
import type { SeedTag } from '../store/session-slice';
import type { PoolView } from '../store/pool-slice';
import type { Job } from './plan-jobs';
import { largerMemory } from './pool-size';
import { HeldLoads } from './held-loads';
import { PoolTracker } from './pool-tracker';
import { runJob, type JobSource } from './run-job';
import { holdPrimary } from './hold-primary';
import { routeEvent, type Active, type PoolListener } from './pool-routing';

export type { PoolListener } from './pool-routing';
export type PoolStatus = 'finished' | 'stopped' | 'failed';

export class WorkerPool {
  private readonly clients: TrainingClient[] = [];
  private readonly active: (Active | null)[] = [];
  /** Per worker: the load key it holds (a job of the same seed does not load again). */
  private readonly held = new HeldLoads();
  /** The last resize (a Run's waits for a warm-up's). */
  private resizing: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<PoolListener>();
  private backend: BackendName | null = null;
  private measured: WorkerMemory | null = null;
  private stopped = false;
  private paused = false;

  constructor(
    first: TrainingClient,
    private readonly spawn: () => Worker,
    private readonly baseUrl: () => string,
  ) {
    this.add(first);
  }

  get size(): number {
    return this.clients.length;
  }

  /** What worker `w` holds (its load key), or null. */
  heldKey(w: number): string | null {
    return this.held.key(w);
  }

  /** The largest memory a worker reported after a load (heap high-water marks included). */
  get memory(): WorkerMemory | null {
    return this.measured;
  }

  /** The page loaded (or failed to load) on worker 0 by itself: what that worker holds now. */
  noteLoaded(w: number, key: string | null): void {
    this.held.set(w, key);
  }

  on(fn: PoolListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Exactly `n` workers (at least 1), in turn with other resizes: more are spawned on worker 0's
   * backend, extra ones ended. One that cannot start is dropped (smaller, never stuck).
   */
  resize(n: number): Promise<number> {
    const next = this.resizing.then(() => this.resizeNow(n));
    this.resizing = next.catch(() => undefined);
    return next;
  }

  /**
   * Before a Run: grows the pool to `n` workers (never shrinks it); each added worker loads the
   * seed of its first job (`firstSeeds[w]`; worker 0 is the page's), silently. A Run whose plan
   * differs loads again, as without a warm-up.
   */
  async warm(
    n: number,
    firstSeeds: readonly (number | undefined)[],
    src: JobSource,
  ): Promise<void> {
    const reached = await this.resize(Math.max(n, this.clients.length));
    for (let w = 1; w < reached; w++) {
      const seed = firstSeeds[w];
      const client = this.clients[w];
      if (seed !== undefined && client && !this.active[w])
        this.held.preload(w, client, src.load(seed));
    }
  }

  private async resizeNow(n: number): Promise<number> {
    while (this.clients.length > Math.max(1, n)) {
      this.clients.pop()?.terminate();
      this.active.pop();
      this.held.drop();
    }
    const fresh: TrainingClient[] = [];
    while (this.clients.length + fresh.length < n) fresh.push(new TrainingClient(this.spawn));
    const backend = this.backend ? { backend: this.backend } : {};
    const started = await Promise.all(
      fresh.map((c) =>
        c
          .request({ type: 'init', baseUrl: this.baseUrl(), ...backend }, { timeoutMs: 120_000 })
          .then(
            () => true,
            () => false,
          ),
      ),
    );
    fresh.forEach((c, i) => (started[i] ? this.add(c) : c.terminate()));
    return this.clients.length;
  }

  /** A new pool run begins (before resize: a Stop or Pause clicked while workers start is kept). */
  begin(): void {
    this.stopped = false;
    this.paused = false;
  }

  /** Runs every worker's jobs (plan[i] on worker i); resolves with the whole's status once all have ended. */
  async run(
    plan: readonly (readonly Job[])[],
    src: JobSource,
    note: string | null,
    show: (v: PoolView) => void,
  ): Promise<PoolStatus> {
    if (plan.length > this.clients.length)
      throw new Error(`a plan for ${plan.length} workers, but the pool has ${this.clients.length}`);
    const tracker = new PoolTracker(plan, note);
    const size = plan.length;
    let shown = 0;
    const publish = (now: boolean): void => {
      if (!now && performance.now() - shown < 250) return; // a few redraws a second, not one per batch
      shown = performance.now();
      show(tracker.view(size, false));
    };
    publish(true);
    await Promise.all(plan.map((jobs, w) => this.runWorker(w, jobs, src, tracker, publish)));
    const status: PoolStatus = this.stopped
      ? 'stopped'
      : tracker.allFailed()
        ? 'failed'
        : 'finished';
    show(tracker.view(size, true));
    this.emit({ type: 'run-done', status });
    // Exports read worker 0's data: it loads the first seed again, silently (hold-primary.ts).
    void holdPrimary(this.clients[0], this.active, this.held, this.stopped, src, tracker);
    return status;
  }

  pause(): void {
    this.paused = true;
    this.broadcast({ type: 'pause' });
  }

  resume(): void {
    this.paused = false;
    this.broadcast({ type: 'resume' });
  }

  /** Stops the runs going and starts no more jobs. */
  stop(): void {
    this.stopped = true;
    this.broadcast({ type: 'stop' });
  }

  private broadcast(cmd: { type: 'pause' | 'resume' | 'stop' }): void {
    this.active.forEach((a, i) => a && this.clients[i]?.send(cmd));
  }

  private async runWorker(
    w: number,
    jobs: readonly Job[],
    src: JobSource,
    tracker: PoolTracker,
    publish: (now: boolean) => void,
  ): Promise<void> {
    const client = this.clients[w] as TrainingClient;
    await this.held.settled(w); // a warm-up load of this worker ends first: the job may not need its own
    for (const job of jobs) {
      if (this.stopped) {
        tracker.jobEnded(job, 'stopped');
        continue;
      }
      const tag = { seed: job.seed, primary: job.seed === src.primarySeed };
      const ended = await runJob(client, job, src, {
        loadedKey: this.held.key(w),
        paused: () => this.paused,
        stopped: () => this.stopped,
        listen: (hear) => {
          this.active[w] = { job, tag, tracker, hear, publish };
          return () => (this.active[w] = null);
        },
        phase: (state) => {
          tracker.jobState(job, state);
          publish(true);
        },
      });
      this.held.set(w, ended.loadedKey);
      // Runs the worker never reported the end of: failed (a crash, a refused load), or stopped.
      for (const e of ended.failures) this.emit(e, tag);
      tracker.jobEnded(job, this.stopped ? 'stopped' : 'failed');
      publish(true);
      if (ended.dead)
        return jobs.slice(jobs.indexOf(job) + 1).forEach((j) => tracker.jobEnded(j, 'failed'));
    }
  }

  private add(c: TrainingClient): void {
    const w = this.clients.length;
    this.clients.push(c);
    this.active.push(null);
    this.held.add();
    c.on((e) => this.route(w, e));
  }

  private route(w: number, e: ClientEvent): void {
    if (e.type === 'ready' && w === 0) this.backend = e.backend.name;
    if (e.type === 'loaded' && e.memory) this.measured = largerMemory(this.measured, e.memory);
    routeEvent(w, e, this.active[w] ?? null, (ev, tag) => this.emit(ev, tag));
  }

  private emit(e: ClientEvent, tag?: SeedTag): void {
    for (const fn of this.listeners) fn(e, tag);
  }
}
