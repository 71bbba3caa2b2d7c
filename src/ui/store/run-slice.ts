/**
 * The run slice: the page's training workers (worker 0's client and the pool it heads) and the
 * run sequence behind the Run button: load what the settings need on worker 0 (unless it holds
 * it already), keep the last run's finished (seed, method) runs that the same settings would
 * train again (features/run-reuse.ts), then train the rest in the pool (pool/train-in-pool.ts).
 * Components call these actions; none holds the client.
 */
import type { StateCreator, StoreApi } from 'zustand';
import type { BackendName, Notice, Reply, RequestBody } from '../../protocol/messages';
import { loadRequest } from '../features/load-request';
import { reuseKey } from '../features/run-reuse';
import { trainInPool, warmPool } from '../pool/train-in-pool';
import { WorkerPool } from '../pool/worker-pool';
import { runLengthProblem, trainImagesFor } from '../settings/run-length';
import { TrainingClient, type RequestOptions } from '../worker-client/training-client';
import { seedRunsOf } from './seed-runs';
import type { PlaygroundState } from './store';

/** Worker 0's client (the page's own requests: load, samples, exports, imports) and the pool it heads. */
export interface PageWorkers {
  client: TrainingClient;
  pool: WorkerPool;
}

/** A load waits this long for the worker's answer (a full benchmark on a slow backend). */
const LOAD_TIMEOUT_MS = 10 * 60_000;

export interface RunSlice {
  /** Null until startWorkers() (the page's first render; unit tests never start them). */
  workers: PageWorkers | null;
  /** Why Load or Run did nothing (own images chosen but none imported, a run too long), or null. */
  runProblem: string | null;
  /** The last run's reuse key (run-reuse.ts): its finished methods are kept, not trained again. */
  lastRunKey: string | null;
  /**
   * Starts worker 0 and its pool once (a second call returns the same): every event reaches
   * the store through the pool; the worker is initialised on `backend` (else its own choice).
   */
  startWorkers: (spawn: () => Worker, baseUrl: () => string, backend?: BackendName) => PageWorkers;
  /** A command to worker 0 that expects an answer (training-client.ts `request`). */
  request: <B extends RequestBody>(body: B, opts?: RequestOptions) => Promise<Reply<B['type']>>;
  /** A command to worker 0 that steers it (cancel an import); nothing before the workers start. */
  send: (cmd: Notice) => void;
  /** Loads the model and data of the settings in force on worker 0; resolves with whether it loaded. */
  loadModel: () => Promise<boolean>;
  /** The Run button: every seed and ticked method, in the pool, after a load when needed. */
  runLesson: () => Promise<void>;
  /** Every worker of the pool pauses or resumes; the page says so at once (a worker still loading has no run to answer). */
  pauseOrResume: () => void;
  /** Stops the runs going; the pool starts no more jobs. */
  stopRun: () => void;
}

/** The slice's state at start. */
export const RUN_START = { workers: null, runProblem: null, lastRunKey: null };

const NOT_STARTED = 'the training worker has not started';

/** RunSlice `startWorkers`: worker 0 and its pool, once; every event reaches the store through the pool. */
function startPageWorkers(
  get: () => PlaygroundState,
  set: (s: Partial<RunSlice>) => void,
  api: StoreApi<PlaygroundState>,
  spawn: () => Worker,
  baseUrl: () => string,
  backend: BackendName | undefined,
): PageWorkers {
  const running = get().workers;
  if (running) return running;
  const client = new TrainingClient(spawn);
  const workers = { client, pool: new WorkerPool(client, spawn, baseUrl) };
  set({ workers });
  workers.pool.on((e, tag) => get().receive(e, tag));
  // The reply and any error reach the store through the listener above.
  // Once it is up, the pool's other workers start and load ahead of the first Run (wasm only).
  client.request({ type: 'init', baseUrl: baseUrl(), ...(backend ? { backend } : {}) }).then(
    () => warmPool(workers.pool, api),
    () => undefined,
  );
  return workers;
}

export const createRunSlice: StateCreator<PlaygroundState, [], [], RunSlice> = (set, get, api) => ({
  ...RUN_START,
  startWorkers: (spawn, baseUrl, backend) =>
    startPageWorkers(get, set, api, spawn, baseUrl, backend),
  request: (body, opts) => {
    const w = get().workers;
    return w ? w.client.request(body, opts) : Promise.reject(new Error(NOT_STARTED));
  },
  send: (cmd) => get().workers?.client.send(cmd),
  loadModel: async () => {
    const s = get();
    const req = loadRequest(s.config, s.own, undefined, s.ownCkpt.held);
    if (!req.ok || !s.workers) {
      set({ runProblem: req.ok ? NOT_STARTED : req.reason });
      return false;
    }
    set({ runProblem: null });
    s.setStatus('loading');
    // Its error (if any) also reaches the session slice, which shows it.
    const loaded = await s.workers.client
      .request({ type: 'load', model: req.model, data: req.data }, { timeoutMs: LOAD_TIMEOUT_MS })
      .then(
        () => true,
        () => false,
      );
    s.workers.pool.noteLoaded(0, loaded ? req.key : null); // what worker 0 holds: a Run of the same does not load again
    return loaded;
  },
  runLesson: async () => {
    const c = get().config;
    if (!c.methods.length) return;
    const tooLong = runLengthProblem(c, trainImagesFor(c, get().own));
    if (tooLong) return set({ runProblem: tooLong });
    set({ runProblem: null });
    const { own, ownCkpt, loaded, viewing, workers } = get();
    if (!workers) return set({ runProblem: NOT_STARTED });
    const req = loadRequest(c, own, undefined, ownCkpt.held);
    // Worker 0 loads the first seed here (the page shows what is loaded, and the pool sizes
    // itself from the memory it measured); the pool loads every other seed in its workers.
    if (!req.ok || workers.pool.heldKey(0) !== req.key || !loaded || viewing) {
      if (!(await get().loadModel())) return;
    }
    // Runs (seed, method) that already finished with exactly these settings are kept, not
    // trained again (not while a saved run is on show: its histories are not this page's runs).
    const key = req.ok ? reuseKey(c, req.key) : '';
    const s = get();
    const last =
      s.lastRunKey !== null && !s.viewing ? { key: s.lastRunKey, runs: seedRunsOf(s) } : null;
    set({ lastRunKey: key });
    await trainInPool(workers.pool, c, key, last, api);
  },
  pauseOrResume: () => {
    const s = get();
    const paused = s.status === 'paused';
    if (paused) s.workers?.pool.resume();
    else s.workers?.pool.pause();
    s.setStatus(paused ? 'running' : 'paused');
  },
  stopRun: () => get().workers?.pool.stop(),
});
