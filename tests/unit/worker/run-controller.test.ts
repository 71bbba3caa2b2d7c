import { describe, expect, it } from 'vitest';
import { TINY_VIT } from '../../helpers/tiny-vit';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { Rng } from '../../../src/core/rng';
import type { BenchmarkData } from '../../../src/data/benchmarks/types';
import type { MethodSpec, RunSpec, WorkerEvent } from '../../../src/protocol/messages';
import { EventBatcher } from '../../../src/worker/event-batcher';
import type { LoadedModel } from '../../../src/worker/load-model';
import { PauseGate } from '../../../src/worker/pause-gate';
import { RunController, type Precompile, type RunHost } from '../../../src/worker/run-controller';
import { tintedSplits } from '../../helpers/synthetic';
import { defaultOptimizer } from '../../../src/spec/optimizer-config';

const config = TINY_VIT;
const def = buildModel(config);

async function loaded(): Promise<LoadedModel> {
  const m = ModelInstance.init(def, new Rng(1));
  const weights = await m.readAll();
  m.dispose();
  return { config, def, weights };
}

const data: BenchmarkData = {
  name: 'tinted',
  options: { seed: 0, strength: 0, trainPerClass: 10, valPerClass: 5, oodPerClass: 5, params: {} },
  sets: tintedSplits(14, 3, 1),
  provenance: { train: new Int32Array(32), idVal: new Int32Array(16), ood: new Int32Array(16) },
  idMetric: 'accuracy',
  oodMetric: 'accuracy',
  augment: { cropPadding: 0, flip: false },
} as BenchmarkData;

const method = (id: string, kind: 'sgd' | 'sgd-momentum' | 'adamw', lr: number): MethodSpec => ({
  id,
  label: id.toUpperCase(),
  optimizer: defaultOptimizer(kind, lr),
  freeze: [],
});

function host(events: WorkerEvent[], errors: { message: string; methodId?: string }[]): RunHost {
  return {
    batcher: new EventBatcher((e) => events.push(e), 0),
    gate: new PauseGate(),
    live: () => true,
    fail: (e, extra) => errors.push({ message: (e as Error).message, methodId: extra.methodId }),
    deviceLostSoon: async () => false,
  };
}

/** Method ids of the step events, in the order the worker sent them. */
const stepOrder = (events: WorkerEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'metrics' ? e.steps.map((s) => s.methodId) : []));

describe('RunController', () => {
  const run = (methods: MethodSpec[], maxSteps = 4): RunSpec => ({
    methods,
    schedule: { kind: 'constant' },
    epochs: 1,
    batchSize: 8,
    seed: 0,
    evalEvery: 2,
    maxSteps,
    augment: false,
  });

  it('trains the methods in lockstep: one step of each in turn', async () => {
    const events: WorkerEvent[] = [];
    const c = new RunController(
      await loaded(),
      data,
      run([
        method('sgd', 'sgd-momentum', 0.01),
        method('adamw', 'adamw', 1e-3),
        method('plain', 'sgd', 0.01),
      ]),
    );
    const status = await c.run(host(events, []));
    expect(status).toBe('finished');
    expect(stepOrder(events)).toEqual(
      Array.from({ length: 4 }, () => ['sgd', 'adamw', 'plain']).flat(),
    );
    // Every method evaluated at its start, at steps 2 and 4, and finished with its final weights.
    for (const id of ['sgd', 'adamw', 'plain']) {
      const evals = events
        .filter((e) => e.type === 'eval' && e.methodId === id)
        .map((e) => (e as { event: { step: number } }).event.step);
      expect(evals).toEqual([0, 2, 4]);
      expect(c.finals.get(id)?.steps).toBe(4);
    }
    // One evaluation of the shared starting weights serves every method (the same report object).
    const starts = events
      .filter((e) => e.type === 'eval' && (e as { event: { step: number } }).event.step === 0)
      .map((e) => (e as { event: { ood: unknown } }).event.ood);
    expect(starts).toHaveLength(3);
    expect(new Set(starts.map((o) => JSON.stringify(o))).size).toBe(1);
  });

  it('a diverging method stops alone and says so; the others go on to the end', async () => {
    const events: WorkerEvent[] = [];
    const errors: { message: string; methodId?: string }[] = [];
    const c = new RunController(
      await loaded(),
      data,
      run([method('sgd', 'sgd', 1e30), method('adamw', 'adamw', 1e-3)], 3),
    );
    const status = await c.run(host(events, errors));
    expect(status).toBe('finished');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.methodId).toBe('sgd');
    expect(errors[0]?.message).toMatch(/^SGD stopped at step \d: .*The other methods go on\./);
    expect(c.finals.has('sgd')).toBe(false);
    expect(c.finals.get('adamw')?.steps).toBe(3);
    expect(events.some((e) => e.type === 'method-done' && e.methodId === 'adamw')).toBe(true);
  });

  it('after a method diverges, progress counts only the live methods: their steps left and their number', async () => {
    const events: WorkerEvent[] = [];
    const c = new RunController(
      await loaded(),
      data,
      run([method('sgd', 'sgd', 1e30), method('adamw', 'adamw', 1e-3)], 4),
    );
    await c.run(host(events, []));
    const progress = events.flatMap((e) => (e.type === 'metrics' ? [e.progress] : []));
    expect(progress[0]?.methods).toBe(2);
    const last = progress.at(-1);
    // The last step of the one live method: nothing left, though SGD stopped far from its end.
    expect(last).toMatchObject({ methodId: 'adamw', step: last?.totalSteps, methods: 1, etaMs: 0 });
  });

  it("LP-FT's head-only epochs count in its steps, its progress and the comparison's ETA", async () => {
    const events: WorkerEvent[] = [];
    const lp: MethodSpec = {
      ...method('lp-ft', 'sgd-momentum', 0.01),
      linearProbe: { epochs: 1, lr: 0.1 },
    };
    const spec: RunSpec = {
      methods: [method('sgd', 'sgd-momentum', 0.01), lp],
      schedule: { kind: 'cosine' },
      epochs: 1,
      batchSize: 8,
      seed: 0,
      evalEvery: 0,
      augment: false,
    };
    const c = new RunController(await loaded(), data, spec);
    await c.run(host(events, []));
    const perEpoch = Math.floor(data.sets.train.n / 8);
    expect(c.finals.get('sgd')?.steps).toBe(perEpoch);
    expect(c.finals.get('lp-ft')?.steps).toBe(2 * perEpoch); // 1 head-only epoch + the run's 1
    const progress = events.flatMap((e) => (e.type === 'metrics' ? [e.progress] : []));
    expect(
      progress.filter((p) => p.methodId === 'lp-ft').every((p) => p.totalSteps === 2 * perEpoch),
    ).toBe(true);
    expect(
      progress.filter((p) => p.methodId === 'sgd').every((p) => p.totalSteps === perEpoch),
    ).toBe(true);
    // After SGD's last step, LP-FT still has its second epoch to go: the ETA waits for it.
    const sgdLast = progress.findIndex((p) => p.methodId === 'sgd' && p.step === perEpoch);
    expect(progress[sgdLast]?.etaMs).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ methodId: 'lp-ft', step: 2 * perEpoch, etaMs: 0 });
  });

  it('stop ends every method at the same step', async () => {
    const events: WorkerEvent[] = [];
    const c = new RunController(
      await loaded(),
      data,
      run([method('a', 'sgd', 0.01), method('b', 'adamw', 1e-3)], 4),
    );
    const h = host(events, []);
    let seen = 0;
    const batcher = h.batcher;
    h.batcher = Object.assign(Object.create(Object.getPrototypeOf(batcher) as object), batcher, {
      step: (...args: Parameters<EventBatcher['step']>) => {
        batcher.step(...args);
        if (++seen === 4) c.abort.abort(); // after two steps of each
      },
    }) as EventBatcher;
    expect(await c.run(h)).toBe('stopped');
    const done = events
      .filter((e) => e.type === 'method-done')
      .map((e) => (e as { event: { steps: number } }).event.steps);
    expect(done).toEqual([2, 2]);
  });

  it('a run lost mid-way goes on from its snapshots to exactly where an unbroken run ends (optimizer state included)', async () => {
    const spec = {
      ...run([method('adamw', 'adamw', 1e-2), method('sgdm', 'sgd-momentum', 0.05)], 16),
      epochs: 4,
    };
    const whole = new RunController(await loaded(), data, spec);
    expect(await whole.run(host([], []))).toBe('finished');

    // The device "goes away" after 13 steps of each method: the snapshots are those of step 10.
    const cut = new RunController(await loaded(), data, spec);
    const h = host([], []);
    let alive = true;
    let steps = 0;
    const batcher = h.batcher;
    h.live = () => alive;
    h.batcher = Object.assign(Object.create(Object.getPrototypeOf(batcher) as object), batcher, {
      step: (...args: Parameters<EventBatcher['step']>) => {
        batcher.step(...args);
        if (++steps === 26) alive = false;
      },
    }) as EventBatcher;
    await cut.run(h);
    expect(cut.finals.size).toBe(0);
    expect([0, 1].map((i) => cut.snapshots.get(i)?.step)).toEqual([10, 10]);
    // AdamW keeps m and v for every trained parameter, and their step count; SGD its momentum.
    const adamState = cut.snapshots.get(0)?.optimizer;
    expect(adamState?.size).toBe(def.specs.filter((p) => p.kind === 'param').length);
    expect(
      [...(adamState?.values() ?? [])].every((p) => p.tensors.length === 2 && p.step === 10),
    ).toBe(true);
    expect(
      [...(cut.snapshots.get(1)?.optimizer?.values() ?? [])].every((p) => p.tensors.length === 1),
    ).toBe(true);

    // Without the optimizer state, the same snapshots end somewhere else (AdamW restarts its moments).
    const amnesic = new RunController(await loaded(), data, spec);
    for (const [i, snap] of cut.snapshots)
      amnesic.snapshots.set(i, { step: snap.step, weights: snap.weights });
    expect(await amnesic.run(host([], []))).toBe('finished');

    expect(await cut.run(host([], []))).toBe('finished');
    for (const id of ['adamw', 'sgdm']) {
      const [got, want, other] = [cut, whole, amnesic].map((c) => c.finals.get(id));
      expect(got?.steps).toBe(16);
      for (const [name, w] of want?.weights ?? []) expect(got?.weights.get(name), name).toEqual(w);
      const differs = [...(want?.weights ?? [])].some(([name, w]) =>
        other?.weights.get(name)?.some((v, k) => v !== w[k]),
      );
      expect(differs).toBe(true);
    }
  });
});

/** What the page hears of shader precompiling, and where the first step falls among it. */
function preparingOrder(events: WorkerEvent[]): string[] {
  const seen = events.flatMap((e) =>
    e.type === 'preparing-kernels' ? [e.phase] : e.type === 'metrics' ? ['step'] : [],
  );
  const first = seen.indexOf('step');
  return first < 0 ? seen : seen.slice(0, first + 1);
}

describe('RunController: preparing GPU kernels', () => {
  const spec: RunSpec = {
    methods: [method('sgd', 'sgd', 0.01), method('adamw', 'adamw', 1e-3)],
    schedule: { kind: 'constant' },
    epochs: 1,
    batchSize: 8,
    seed: 0,
    evalEvery: 0,
    maxSteps: 2,
    augment: false,
  };
  // The tests run on tfjs's CPU backend, where nothing compiles ahead: this stand-in does what
  // precompileRun does on WebGPU (announce, then take a while) without a GPU.
  const compiling: Precompile = async (_lm, _sets, _spec, methods, onStart) => {
    expect(methods).toEqual([0, 1]);
    onStart?.();
    await new Promise((res) => setTimeout(res, 20));
    return 20;
  };

  it('says "preparing" with the method count before the first step, and "done" before it too', async () => {
    const events: WorkerEvent[] = [];
    expect(
      await new RunController(await loaded(), data, spec, compiling).run(host(events, [])),
    ).toBe('finished');
    expect(preparingOrder(events)).toEqual(['start', 'done', 'step']);
    expect(events.find((e) => e.type === 'preparing-kernels')).toEqual({
      type: 'preparing-kernels',
      phase: 'start',
      methods: 2,
    });
    const done = events.find((e) => e.type === 'preparing-kernels' && e.phase === 'done') as {
      ms: number;
    };
    expect(done.ms).toBeGreaterThanOrEqual(15);
  });

  it('says nothing where nothing compiles ahead (the real precompileRun on the CPU backend)', async () => {
    const events: WorkerEvent[] = [];
    expect(await new RunController(await loaded(), data, spec).run(host(events, []))).toBe(
      'finished',
    );
    expect(events.some((e) => e.type === 'preparing-kernels')).toBe(false);
    expect(events.some((e) => e.type === 'metrics')).toBe(true);
  });

  it('still says "done" when compiling fails, so the page drops the line', async () => {
    const events: WorkerEvent[] = [];
    const failing: Precompile = async (_lm, _sets, _spec, _methods, onStart) => {
      onStart?.();
      throw new Error('pipeline creation failed');
    };
    await expect(
      new RunController(await loaded(), data, spec, failing).run(host(events, [])),
    ).rejects.toThrow('pipeline creation failed');
    expect(preparingOrder(events)).toEqual(['start', 'done']);
  });
});
