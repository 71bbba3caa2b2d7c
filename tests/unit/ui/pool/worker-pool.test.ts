/**
 * The worker pool in Node, each worker a real training Session behind a Worker-shaped shell
 * (helpers/session-worker.ts), its events folded into the page's real store: two seeds x two
 * methods in a pool of two train to the same numbers, bit for bit, as in a pool of one; every
 * seed's runs land in seedRuns and the first seed's are `methods`; a worker that crashes fails
 * only its own runs, and the pool still finishes.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../../../src/ui/worker-client/training-client';
import { TrainingClient } from '../../../../src/ui/worker-client/training-client';
import { defaultOptimizer } from '../../../../src/spec/optimizer-config';
import type { MethodSpec } from '../../../../src/protocol/messages';
import { planJobs, planUnits } from '../../../../src/ui/pool/plan-jobs';
import type { JobSource } from '../../../../src/ui/pool/run-job';
import { WorkerPool } from '../../../../src/ui/pool/worker-pool';
import type { PoolView } from '../../../../src/ui/store/pool-slice';
import { resetSession, useStore } from '../../../../src/ui/store/store';
import { DATA, MODEL, runSpec } from '../../../helpers/fake-session';
import { SessionWorker } from '../../../helpers/session-worker';

const METHODS: MethodSpec[] = [
  { id: 'sgd', label: 'SGD', optimizer: defaultOptimizer('sgd-momentum', 0.05), freeze: [] },
  { id: 'adamw', label: 'AdamW', optimizer: defaultOptimizer('adamw', 1e-3), freeze: [] },
];

const SRC: JobSource = {
  primarySeed: 3,
  load: (seed) => ({ key: `k${seed}`, model: { ...MODEL, seed }, data: { ...DATA, seed } }),
  run: (seed, methods) =>
    runSpec({
      methods: METHODS.filter((m) => methods.includes(m.id)),
      seed,
      epochs: 3,
      maxSteps: 5,
      evalEvery: 2,
    }),
};

interface Setup {
  pool: WorkerPool;
  workers: SessionWorker[];
  untagged: ClientEvent[];
  views: PoolView[];
}

async function setup(): Promise<Setup> {
  const workers: SessionWorker[] = [];
  const spawn = (): Worker => {
    const w = new SessionWorker();
    workers.push(w);
    return w as unknown as Worker;
  };
  const first = new TrainingClient(spawn);
  const pool = new WorkerPool(first, spawn, () => 'http://localhost/');
  const untagged: ClientEvent[] = [];
  pool.on((e, tag) => {
    useStore.getState().receive(e, tag);
    if (!tag) untagged.push(e);
  });
  await first.request({ type: 'init', baseUrl: 'http://localhost/' });
  return { pool, workers, untagged, views: [] };
}

const losses = (seed: number, id: string): number[] =>
  (useStore.getState().seedRuns[seed]?.[id]?.steps ?? []).map((s) => s.loss);
const evals = (seed: number, id: string): unknown[] =>
  (useStore.getState().seedRuns[seed]?.[id]?.evals ?? []).map((e) => [
    e.step,
    e.id,
    e.ood,
    e.drift,
  ]);

beforeEach(() => resetSession());

describe('WorkerPool', () => {
  it('2 seeds x 2 methods in two workers equal the same runs in one worker, bit for bit', async () => {
    const units = planUnits([3, 4], ['sgd', 'adamw']);
    const one = await setup();
    expect(await one.pool.run(planJobs(units, 1), SRC, null, (v) => one.views.push(v))).toBe(
      'finished',
    );
    const single = Object.fromEntries(
      units.map((u) => [
        `${u.seed}:${u.methodId}`,
        { l: losses(u.seed, u.methodId), e: evals(u.seed, u.methodId) },
      ]),
    );

    resetSession();
    const two = await setup();
    expect(await two.pool.resize(2)).toBe(2);
    expect(two.workers).toHaveLength(2);
    // The second worker was started on the first one's backend.
    expect(two.workers[1]?.received[0]).toMatchObject({ type: 'init', backend: 'cpu' });
    expect(await two.pool.run(planJobs(units, 2), SRC, null, (v) => two.views.push(v))).toBe(
      'finished',
    );
    // Each worker loaded exactly its own seed.
    expect(
      two.workers.map((w) =>
        w.received
          .filter((c) => c.type === 'load')
          .map((c) => (c as { data: { seed: number } }).data.seed),
      ),
    ).toEqual([[3], [4]]);

    for (const u of units) {
      const k = `${u.seed}:${u.methodId}`;
      expect(losses(u.seed, u.methodId), k).toHaveLength(5);
      expect(losses(u.seed, u.methodId), k).toStrictEqual(single[k]?.l);
      expect(evals(u.seed, u.methodId), k).toStrictEqual(single[k]?.e);
    }
    expect(losses(3, 'sgd')).not.toStrictEqual(losses(4, 'sgd')); // seeds differ
    const s = useStore.getState();
    expect(s.methods).toBe(s.seedRuns[3]); // the first seed's histories are the page's methods
    expect(s.status).toBe('finished');
    expect(two.untagged.filter((e) => e.type === 'run-done')).toEqual([
      { type: 'run-done', status: 'finished' },
    ]);
    const last = two.views.at(-1) as PoolView;
    expect(last.over).toBe(true);
    expect(last.cells.map((c) => [c.seed, c.methodId, c.worker, c.state, c.step, c.total])).toEqual(
      [
        [3, 'sgd', 0, 'done', 5, 5],
        [3, 'adamw', 0, 'done', 5, 5],
        [4, 'sgd', 1, 'done', 5, 5],
        [4, 'adamw', 1, 'done', 5, 5],
      ],
    );
  });

  it('a warm-up starts the second worker and loads its first seed ahead of the Run, which then loads nothing twice', async () => {
    const units = planUnits([3, 4], ['sgd', 'adamw']);
    const { pool, workers, views } = await setup();
    const firstSeeds = planJobs(units, 2).map((jobs) => jobs[0]?.seed);
    expect(firstSeeds).toEqual([3, 4]);
    await pool.warm(2, firstSeeds, SRC);
    expect(workers).toHaveLength(2);
    expect(workers[1]?.received[0]).toMatchObject({ type: 'init', backend: 'cpu' });
    // Worker 0 is the page's own: the warm-up leaves it alone.
    expect(workers[0]?.received.filter((c) => c.type === 'load')).toHaveLength(0);
    const loads = (w: number): number[] =>
      (workers[w]?.received ?? [])
        .filter((c) => c.type === 'load')
        .map((c) => (c as { data: { seed: number } }).data.seed);
    expect(loads(1)).toEqual([4]);
    // A Run right away (the warm-up's load may still be going): its resize waits, its job reuses the load.
    expect(await pool.resize(2)).toBe(2);
    expect(await pool.run(planJobs(units, 2), SRC, null, (v) => views.push(v))).toBe('finished');
    expect(loads(0)).toEqual([3]);
    expect(loads(1)).toEqual([4]);
    expect(useStore.getState().seedRuns[4]?.adamw?.steps).toHaveLength(5);
    // A warm-up never shrinks the pool, and one for a worker that holds its seed loads nothing.
    await pool.warm(1, [3, 4], SRC);
    expect(workers).toHaveLength(2);
    expect(loads(1)).toEqual([4]);
  });

  it('a worker that crashes fails only its own runs; the other worker finishes and so does the pool', async () => {
    const { pool, workers, views } = await setup();
    await pool.resize(2);
    const long: JobSource = {
      ...SRC,
      run: (seed, methods) => ({ ...SRC.run(seed, methods), maxSteps: 400, epochs: 1000 }),
    };
    const short: JobSource = {
      ...long,
      run: (seed, methods) => (seed === 3 ? SRC.run(seed, methods) : long.run(seed, methods)),
    };
    const done = pool.run(planJobs(planUnits([3, 4], ['sgd', 'adamw']), 2), short, null, (v) =>
      views.push(v),
    );
    const crashed = workers[1] as SessionWorker;
    await until(() => (useStore.getState().seedRuns[4]?.sgd?.steps.length ?? 0) >= 2);
    crashed.crash('out of memory');
    expect(await done).toBe('finished');
    const s = useStore.getState();
    expect(s.seedRuns[3]?.sgd?.done?.status).toBe('finished');
    expect(s.seedRuns[4]?.sgd?.failed?.message).toMatch(
      /The run of seed 4 stopped: its worker crashed \(out of memory\)/,
    );
    expect(s.seedRuns[4]?.adamw?.failed).toBeDefined();
    expect(s.crash).toBe('out of memory');
    expect(views.at(-1)?.cells.map((c) => c.state)).toEqual(['done', 'done', 'failed', 'failed']);
    pool.stop();
  });

  it('Stop ends the runs going and starts no more jobs; the pool ends stopped', async () => {
    const { pool, workers, views } = await setup();
    const long: JobSource = {
      ...SRC,
      run: (seed, methods) => ({ ...SRC.run(seed, methods), maxSteps: 400, epochs: 1000 }),
    };
    const done = pool.run(planJobs(planUnits([3, 4], ['sgd']), 1), long, null, (v) =>
      views.push(v),
    );
    await until(() => (useStore.getState().seedRuns[3]?.sgd?.steps.length ?? 0) >= 2);
    pool.stop();
    expect(await done).toBe('stopped');
    expect(useStore.getState().status).toBe('stopped');
    expect(views.at(-1)?.cells.map((c) => [c.seed, c.state])).toEqual([
      [3, 'stopped'],
      [4, 'stopped'],
    ]);
    // Seed 4 was never loaded: its job did not start.
    expect(workers[0]?.received.filter((c) => c.type === 'load')).toHaveLength(1);
  });
});

async function until(pred: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
