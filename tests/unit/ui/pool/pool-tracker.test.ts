/** The pool's grid and ETA, folded from its workers' events. */
import { describe, expect, it } from 'vitest';
import type { StepEvent } from '../../../../src/protocol/messages';
import type { ClientEvent } from '../../../../src/ui/worker-client/training-client';
import { planJobs, planUnits } from '../../../../src/ui/pool/plan-jobs';
import { poolEtaMs, PoolTracker } from '../../../../src/ui/pool/pool-tracker';

const step = (n: number): StepEvent => ({
  type: 'step',
  step: n,
  epoch: 0,
  totalSteps: 10,
  loss: 1,
  lr: 0.1,
  gradNorms: { perParam: {}, perLayer: {}, perGroup: { embed: 1, body: 1, head: 1 }, total: 1 },
  stepMs: 1,
  imagesPerSec: 1,
});
const metrics = (pairs: [string, number][]): ClientEvent => ({
  type: 'metrics',
  steps: pairs.map(([methodId, n]) => ({ methodId, event: step(n) })),
  progress: {
    methodId: pairs[0]![0],
    methodIndex: 0,
    methods: 2,
    step: 1,
    totalSteps: 10,
    etaMs: 0,
  },
});

describe('PoolTracker', () => {
  it('folds steps, ends and failures per (seed, method), and each worker pace into an ETA', () => {
    let t = 0;
    const plan = planJobs(planUnits([0, 1], ['a', 'b']), 2); // worker 0: seed 0; worker 1: seed 1
    const tr = new PoolTracker(plan, null, () => t);
    const [j0, j1] = [plan[0]![0]!, plan[1]![0]!];
    tr.jobState(j0, 'running');
    tr.jobState(j1, 'loading');
    expect(
      tr.event(
        0,
        j0,
        metrics([
          ['a', 1],
          ['b', 1],
        ]),
      ),
    ).toBe(false);
    t = 1000;
    tr.event(
      0,
      j0,
      metrics([
        ['a', 2],
        ['b', 2],
      ]),
    );
    let v = tr.view(2, false);
    expect(v.cells.map((c) => [c.seed, c.methodId, c.worker, c.step, c.total, c.state])).toEqual([
      [0, 'a', 0, 2, 10, 'running'],
      [0, 'b', 0, 2, 10, 'running'],
      [1, 'a', 1, 0, 10, 'loading'],
      [1, 'b', 1, 0, 10, 'loading'],
    ]);
    expect(v.msPerStep).toEqual([250, null]); // 4 method steps in 1000 ms; worker 1 has none yet
    expect(poolEtaMs(v)).toBeNull(); // worker 1's pace is unknown
    tr.event(
      1,
      j1,
      metrics([
        ['a', 1],
        ['b', 1],
      ]),
    );
    t = 2000;
    tr.event(
      1,
      j1,
      metrics([
        ['a', 2],
        ['b', 2],
      ]),
    );
    v = tr.view(2, false);
    // worker 0: 4 method steps in 2000 ms, 16 left; worker 1: 4 steps in 1000 ms, 16 left.
    expect(v.msPerStep).toEqual([500, 250]);
    expect(poolEtaMs(v)).toBe(16 * 500);
    expect(
      tr.event(1, j1, {
        type: 'error',
        kind: 'diverged',
        methodId: 'a',
        step: 3,
        recoverable: false,
        error: { name: 'Error', message: 'NaN' },
      }),
    ).toBe(true);
    expect(
      tr.event(1, j1, {
        type: 'method-done',
        methodId: 'b',
        event: {
          type: 'done',
          status: 'finished',
          steps: 10,
          best: null,
          last: null,
          elapsedMs: 1,
        },
      }),
    ).toBe(true);
    tr.jobEnded(j0, 'failed'); // worker 0 crashed: its runs that had not ended
    v = tr.view(2, true);
    expect(v.cells.map((c) => c.state)).toEqual(['failed', 'failed', 'diverged', 'done']);
    expect(poolEtaMs(v)).toBe(0);
    expect(tr.allFailed()).toBe(false);
  });

  it("each run counts its own total: LP-FT's longer run, and its queued seeds before they start", () => {
    const plan = planJobs(planUnits([0, 1], ['sgd', 'lp-ft']), 2);
    const tr = new PoolTracker(plan, null, () => 0);
    const j0 = plan[0]![0]!;
    const progress = {
      methodId: 'sgd',
      methodIndex: 0,
      methods: 2,
      step: 1,
      totalSteps: 10,
      etaMs: 0,
    };
    tr.event(0, j0, {
      type: 'metrics',
      steps: [
        { methodId: 'sgd', event: step(1) },
        { methodId: 'lp-ft', event: { ...step(1), totalSteps: 20 } },
      ],
      progress,
    });
    expect(tr.view(2, false).cells.map((c) => [c.seed, c.methodId, c.total])).toEqual([
      [0, 'sgd', 10],
      [0, 'lp-ft', 20],
      [1, 'sgd', 10],
      [1, 'lp-ft', 20],
    ]);
  });

  it('fails as a whole only when every run failed', () => {
    const plan = planJobs(planUnits([0], ['a']), 1);
    const tr = new PoolTracker(plan, 'note', () => 0);
    tr.jobEnded(plan[0]![0]!, 'failed');
    expect(tr.allFailed()).toBe(true);
    expect(tr.view(1, true).note).toBe('note');
  });
});
