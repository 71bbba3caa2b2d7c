/**
 * The worker pool's promise, at the session level: a method's run does not depend on which
 * other methods share its worker. A comparison of four methods in one session and the same four
 * split over two sessions (two each, as a pool of two workers runs them) give every step's
 * loss, rate and gradient norms and every evaluation (ID, OOD, drift, first-layer filters)
 * exactly equal, bit for bit, on two seeds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EvalEvent, MethodSpec, StepEvent, WorkerEvent } from '../../../src/protocol/messages';
import { defaultOptimizer } from '../../../src/spec/optimizer-config';
import { DATA, FakeSession, MODEL, runSpec } from '../../helpers/fake-session';

const METHODS: MethodSpec[] = [
  { id: 'sgd', label: 'SGD', optimizer: { ...defaultOptimizer('sgd-momentum', 0.05) }, freeze: [] },
  { id: 'adamw', label: 'AdamW', optimizer: defaultOptimizer('adamw', 1e-3), freeze: [] },
  {
    id: 'sgd-freeze',
    label: 'SGD freeze-embed',
    optimizer: defaultOptimizer('sgd-momentum', 0.05),
    freeze: ['embed'],
  },
  {
    id: 'sgd-plain',
    label: 'SGD (no momentum)',
    optimizer: defaultOptimizer('sgd', 0.05),
    freeze: ['embed'],
  },
];

interface Trace {
  steps: Pick<StepEvent, 'step' | 'loss' | 'lr' | 'gradNorms'>[];
  evals: EvalEvent[];
}

/** Loads `seed`, trains `methods` for 6 steps (evaluating every 2), returns each method's trace. */
async function train(seed: number, methods: MethodSpec[]): Promise<Map<string, Trace>> {
  const h = new FakeSession();
  await h.answer(h.send({ type: 'init', baseUrl: 'http://localhost/' }).id);
  const loaded = await h.answer(
    h.send({ type: 'load', model: { ...MODEL, seed }, data: { ...DATA, seed } }).id,
  );
  expect(loaded.type).toBe('loaded');
  void h.send({
    type: 'start',
    run: runSpec({ methods, seed, epochs: 3, maxSteps: 6, evalEvery: 2, augment: true }),
  });
  await h.until(() => h.events.some((e) => e.type === 'run-done'), 60_000, 'the run to end');
  const done = h.events.find((e) => e.type === 'run-done') as Extract<
    WorkerEvent,
    { type: 'run-done' }
  >;
  expect(done.status).toBe('finished');
  const out = new Map<string, Trace>(methods.map((m) => [m.id, { steps: [], evals: [] }]));
  for (const e of h.events) {
    if (e.type === 'metrics')
      for (const { methodId, event } of e.steps)
        out.get(methodId)?.steps.push({
          step: event.step,
          loss: event.loss,
          lr: event.lr,
          gradNorms: event.gradNorms,
        });
    if (e.type === 'eval') out.get(e.methodId)?.evals.push(e.event);
  }
  return out;
}

afterEach(() => FakeSession.settleAll());

describe('a comparison split over workers', () => {
  it.each([0, 7])(
    'seed %i: four methods in one session equal the same methods in two sessions of two, exactly',
    async (seed) => {
      const whole = await train(seed, METHODS);
      const parts = new Map([
        ...(await train(seed, METHODS.slice(0, 2))),
        ...(await train(seed, METHODS.slice(2))),
      ]);
      for (const m of METHODS) {
        const a = whole.get(m.id) as Trace;
        const b = parts.get(m.id) as Trace;
        expect(
          a.steps.map((s) => s.step),
          m.id,
        ).toEqual([1, 2, 3, 4, 5, 6]);
        expect(
          a.evals.map((e) => e.step),
          m.id,
        ).toEqual([0, 2, 4, 6]);
        // toStrictEqual on numbers is Object.is: bit for bit (NaN and -0 included).
        expect(b.steps, m.id).toStrictEqual(a.steps);
        expect(b.evals, m.id).toStrictEqual(a.evals);
      }
      // The methods really differ (a split that mixed them up would not pass the above by chance).
      expect(whole.get('sgd')?.steps.at(-1)?.loss).not.toBe(whole.get('adamw')?.steps.at(-1)?.loss);
    },
  );
});
