/**
 * One job of a worker pool on one worker: load its seed (unless the worker holds it), start its
 * methods in lockstep, and wait for the run's end. A run that cannot end by itself (its worker
 * crashed, its start or load was refused) ends the job too, and each of its methods that never
 * said how it ended gets an error of its own, so the page marks exactly those runs failed.
 */
import type { DataSource, ModelSource, RunSpec, WorkerEvent } from '../../protocol/messages';
import type { ClientEvent, TrainingClient } from '../worker-client/training-client';
import type { Job } from './plan-jobs';

/** What the pool is asked to run, per seed (the page's settings, settings/to-commands.ts). */
export interface JobSource {
  /** The comparison's first seed: its histories are also the page's `methods`. */
  primarySeed: number;
  load: (seed: number) => { key: string; model: ModelSource; data: DataSource };
  run: (seed: number, methods: readonly string[]) => RunSpec;
}

export interface JobHooks {
  /** What the worker holds now. */
  loadedKey: string | null;
  paused: () => boolean;
  stopped: () => boolean;
  /** Routes the worker's events to `hear` until the returned function is called. */
  listen: (hear: (e: ClientEvent) => void) => () => void;
  phase: (state: 'loading' | 'running') => void;
}

export interface JobEnd {
  loadedKey: string | null;
  /** One error per method whose run never ended by itself. */
  failures: Extract<WorkerEvent, { type: 'error' }>[];
  /** The worker is gone for good (it crashed at start-up three times). */
  dead: boolean;
}

type Outcome =
  { kind: 'ended' } | { kind: 'failed'; why: string; dead?: boolean; lostLoad?: boolean };

/** A run-level error with no run-done behind it (a refused start) is given this long to be followed by one. */
const REFUSAL_GRACE_MS = 2000;

/** Listens to a job's worker: which methods ended, and how the run ends once started. */
interface JobWatch {
  ended: Set<string>;
  end: Promise<Outcome>;
  markStarted: () => void;
  stop: () => void;
}

function watchJob(hooks: JobHooks): JobWatch {
  const ended = new Set<string>();
  let started = false;
  let settle: (o: Outcome) => void = () => undefined;
  const end = new Promise<Outcome>((res) => (settle = res));
  let grace: ReturnType<typeof setTimeout> | null = null;
  const off = hooks.listen((e) => {
    if (e.type === 'method-done') ended.add(e.methodId);
    if (e.type === 'error' && e.methodId) ended.add(e.methodId);
    // Before the start, a crash replays the load in the new worker and the wait goes on.
    if (!started) return;
    if (e.type === 'run-done') settle({ kind: 'ended' });
    else if (e.type === 'crashed')
      settle({
        kind: 'failed',
        why: `its worker crashed (${e.message})`,
        dead: !e.restarted,
        lostLoad: true,
      });
    else if (e.type === 'error' && !e.methodId && e.requestId === undefined && grace === null) {
      const why = e.error.message;
      grace = setTimeout(() => settle({ kind: 'failed', why }), REFUSAL_GRACE_MS);
    }
  });
  return {
    ended,
    end,
    markStarted: () => (started = true),
    stop: () => {
      off();
      if (grace !== null) clearTimeout(grace);
    },
  };
}

/** One error per method of the job that never said how it ended. */
function failuresOf(
  job: Job,
  ended: ReadonlySet<string>,
  why: string,
): Extract<WorkerEvent, { type: 'error' }>[] {
  return job.methods
    .filter((m) => !ended.has(m))
    .map((methodId) => ({
      type: 'error' as const,
      kind: 'internal' as const,
      methodId,
      recoverable: false,
      error: { name: 'Error', message: `The run of seed ${job.seed} stopped: ${why}.` },
    }));
}

export async function runJob(
  client: TrainingClient,
  job: Job,
  src: JobSource,
  hooks: JobHooks,
): Promise<JobEnd> {
  const watch = watchJob(hooks);
  let loadedKey = hooks.loadedKey;
  let outcome: Outcome;
  try {
    hooks.phase('loading');
    const l = src.load(job.seed);
    if (loadedKey !== l.key) {
      loadedKey = null;
      await client.request(
        { type: 'load', model: l.model, data: l.data },
        { timeoutMs: 10 * 60_000 },
      );
      loadedKey = l.key;
    }
    if (hooks.stopped()) return { loadedKey, failures: [], dead: false };
    hooks.phase('running');
    watch.markStarted();
    client.send({ type: 'start', run: src.run(job.seed, job.methods) });
    if (hooks.paused()) client.send({ type: 'pause' });
    outcome = await watch.end;
  } catch (e) {
    outcome = {
      kind: 'failed',
      why: `its load failed (${(e as Error).message})`,
      dead: (e as Error).message === 'the training worker crashed',
      lostLoad: true,
    };
  } finally {
    watch.stop();
  }
  if (outcome.kind === 'ended') return { loadedKey, failures: [], dead: false };
  const failures = failuresOf(job, watch.ended, outcome.why);
  return { loadedKey: outcome.lostLoad ? null : loadedKey, failures, dead: outcome.dead ?? false };
}
