import { describe, expect, it } from 'vitest';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel, defaultConfig } from '../../../src/core/models/registry';
import { defaultOptimizer } from '../../../src/core/optim/optimizer';
import { Rng } from '../../../src/core/rng';
import type { BenchmarkData } from '../../../src/data/benchmarks/types';
import type { MethodSpec, RunSpec, WorkerEvent } from '../../../src/protocol/messages';
import { EventBatcher } from '../../../src/worker/event-batcher';
import type { LoadedModel } from '../../../src/worker/load-model';
import { PauseGate } from '../../../src/worker/pause-gate';
import { RunController, type RunHost } from '../../../src/worker/run-controller';
import { tintedSplits } from '../../helpers/synthetic';

const config = defaultConfig('vit', { dim: 8, depth: 1, heads: 2, mlpRatio: 2, imageSize: 14, numClasses: 3 });
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

const method = (id: string, kind: 'sgd' | 'sgd-momentum' | 'adamw', lr: number): MethodSpec => ({ id, label: id.toUpperCase(), optimizer: defaultOptimizer(kind, lr), freeze: [] });

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
const stepOrder = (events: WorkerEvent[]): string[] => events.flatMap((e) => (e.type === 'metrics' ? e.steps.map((s) => s.methodId) : []));

describe('RunController', () => {
  const run = (methods: MethodSpec[], maxSteps = 4): RunSpec => ({ methods, schedule: { kind: 'constant' }, epochs: 1, batchSize: 8, seed: 0, evalEvery: 2, maxSteps, augment: false });

  it('trains the methods in lockstep: one step of each in turn', async () => {
    const events: WorkerEvent[] = [];
    const c = new RunController(await loaded(), data, run([method('sgd', 'sgd-momentum', 0.01), method('adamw', 'adamw', 1e-3), method('plain', 'sgd', 0.01)]));
    const status = await c.run(host(events, []));
    expect(status).toBe('finished');
    expect(stepOrder(events)).toEqual(Array.from({ length: 4 }, () => ['sgd', 'adamw', 'plain']).flat());
    // Every method evaluated at its start, at steps 2 and 4, and finished with its final weights.
    for (const id of ['sgd', 'adamw', 'plain']) {
      const evals = events.filter((e) => e.type === 'eval' && e.methodId === id).map((e) => (e as { event: { step: number } }).event.step);
      expect(evals).toEqual([0, 2, 4]);
      expect(c.finals.get(id)?.steps).toBe(4);
    }
    // One evaluation of the shared starting weights serves every method (the same report object).
    const starts = events.filter((e) => e.type === 'eval' && (e as { event: { step: number } }).event.step === 0).map((e) => (e as { event: { ood: unknown } }).event.ood);
    expect(starts).toHaveLength(3);
    expect(new Set(starts.map((o) => JSON.stringify(o))).size).toBe(1);
  });

  it('a diverging method stops alone and says so; the others go on to the end', async () => {
    const events: WorkerEvent[] = [];
    const errors: { message: string; methodId?: string }[] = [];
    const c = new RunController(await loaded(), data, run([method('sgd', 'sgd', 1e30), method('adamw', 'adamw', 1e-3)], 3));
    const status = await c.run(host(events, errors));
    expect(status).toBe('finished');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.methodId).toBe('sgd');
    expect(errors[0]?.message).toMatch(/^SGD stopped at step \d: .*The other methods go on\./);
    expect(c.finals.has('sgd')).toBe(false);
    expect(c.finals.get('adamw')?.steps).toBe(3);
    expect(events.some((e) => e.type === 'method-done' && e.methodId === 'adamw')).toBe(true);
  });

  it('stop ends every method at the same step', async () => {
    const events: WorkerEvent[] = [];
    const c = new RunController(await loaded(), data, run([method('a', 'sgd', 0.01), method('b', 'adamw', 1e-3)], 4));
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
    const done = events.filter((e) => e.type === 'method-done').map((e) => (e as { event: { steps: number } }).event.steps);
    expect(done).toEqual([2, 2]);
  });
});
