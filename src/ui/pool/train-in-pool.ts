/**
 * A comparison's every seed trained in the worker pool, from the page's settings: the runs
 * (seed x method) not kept from the last run (run-reuse.ts, per seed), the pool's size
 * (pool-size.ts: the `workers` setting, the cores, the runs, the memory worker 0 measured),
 * the plan (plan-jobs.ts), then the pool's run, its progress in the store's `pool`.
 */
import type { Config } from '../settings/settings-table';
import { seedList } from '../settings/seed-list';
import { runSpec } from '../settings/to-commands';
import { loadRequest } from '../features/load-request';
import { planReuse } from '../features/run-reuse';
import type { StoreApi } from 'zustand';
import type { OwnCheckpoint } from '../store/own-checkpoint-slice';
import type { OwnImages } from '../store/own-data-slice';
import type { SeedRuns } from '../store/seed-runs';
import type { MethodHistory } from '../store/method-history';
import type { PlaygroundState } from '../store/store';
import { planJobs, type Unit } from './plan-jobs';
import { memoryBudget, poolSize, workerBytes, type PoolSize } from './pool-size';
import type { JobSource } from './run-job';
import type { PoolStatus, WorkerPool } from './worker-pool';

/** The last run's settings and histories, for reuse (null: nothing to reuse). */
export interface LastRun {
  key: string;
  runs: SeedRuns;
}

/** Per seed, what is kept from `last`; and the units left to train, seed-major. */
export function keptAndUnits(
  c: Config,
  key: string,
  last: LastRun | null,
): { kept: SeedRuns; units: Unit[] } {
  const kept: SeedRuns = {};
  const units: Unit[] = [];
  for (const seed of seedList(c)) {
    const runs = last?.runs[seed] ?? {};
    const plan = planReuse(c.methods, key, last ? { key: last.key, methods: runs } : null);
    // Only seeds with something kept: the seed views count a seed once it has a run.
    if (plan.keep.length)
      kept[seed] = Object.fromEntries(plan.keep.map((id) => [id, runs[id] as MethodHistory]));
    units.push(...plan.train.map((methodId) => ({ seed, methodId })));
  }
  return { kept, units };
}

/** `ckpt`: the user's own checkpoint, whose bytes every worker of the pool is sent with its load. */
export function jobSource(c: Config, own: OwnImages, ckpt: OwnCheckpoint | null = null): JobSource {
  return {
    primarySeed: seedList(c)[0] ?? c.seed,
    load: (seed) => {
      const req = loadRequest(c, own, seed, ckpt);
      if (!req.ok) throw new Error(req.reason);
      return { key: req.key, model: req.model, data: req.data };
    },
    run: (seed, methods) => {
      const spec = runSpec(c, seed);
      return { ...spec, methods: spec.methods.filter((m) => methods.includes(m.id)) };
    },
  };
}

const deviceMemory = (): number | undefined =>
  (navigator as Navigator & { deviceMemory?: number }).deviceMemory;

/** The pool's size for `units` runs of the settings `c` (pool-size.ts), from what a worker was measured to need. */
function sizeFor(pool: WorkerPool, c: Config, units: number): PoolSize {
  const mem = pool.memory;
  return poolSize({
    asked: c.workers,
    cores: navigator.hardwareConcurrency || 1,
    units,
    perWorkerBytes: mem ? workerBytes(mem, c.methods.length) : null,
    budget: memoryBudget(deviceMemory()),
  });
}

/**
 * While the page waits for its first Run on wasm (where the pool is what makes a lesson fit its
 * minutes), the workers the Run would use start and load their first seeds (worker-pool.ts
 * `warm`). Nothing on a GPU backend (one device, shared), nothing with own images not imported.
 */
export function warmPool(pool: WorkerPool, store: StoreApi<PlaygroundState>): void {
  const s = store.getState();
  if (s.backend?.name !== 'wasm' || s.status === 'running' || !s.config.methods.length) return;
  const { units } = keptAndUnits(s.config, '', null);
  const size = sizeFor(pool, s.config, units.length).size;
  if (size < 2) return;
  const firstSeeds = planJobs(units, size).map((jobs) => jobs[0]?.seed);
  // A load the settings cannot make yet (own images not imported) ends the warm-up: the Run says why.
  pool.warm(size, firstSeeds, jobSource(s.config, s.own, s.ownCkpt.held)).catch(() => undefined);
}

/** Trains what is left of the comparison in `pool`; resolves with the whole's status. `store`: the page's (run-slice.ts). */
export async function trainInPool(
  pool: WorkerPool,
  c: Config,
  key: string,
  last: LastRun | null,
  store: StoreApi<PlaygroundState>,
): Promise<PoolStatus> {
  const { kept, units } = keptAndUnits(c, key, last);
  const src = jobSource(c, store.getState().own, store.getState().ownCkpt.held);
  const s = store.getState();
  s.clearRuns();
  store.setState({ seedRuns: kept, methods: kept[src.primarySeed] ?? {}, pool: null });
  if (!units.length) {
    s.setStatus('finished'); // everything asked for is already on screen
    return 'finished';
  }
  s.begin(c, s.hash());
  s.setStatus('running');
  pool.begin();
  const size = sizeFor(pool, c, units.length);
  const reached = await pool.resize(size.size);
  const short =
    reached < size.size
      ? `${size.size - reached} of ${size.size} workers could not start: running ${reached}.`
      : null;
  const note = [size.note, short].filter((n) => n !== null).join(' ') || null;
  return pool.run(planJobs(units, reached), src, note, (v) => store.getState().setPool(v));
}
