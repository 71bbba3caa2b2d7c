import { describe, expect, it, vi } from 'vitest';
import type { StepEvent } from '../../../src/core/train/events';
import type { WorkerEvent } from '../../../src/protocol/messages';
import { EventBatcher } from '../../../src/worker/event-batcher';

const step = (n: number): StepEvent => ({
  type: 'step',
  step: n,
  epoch: 0,
  totalSteps: 1000,
  loss: 1,
  lr: 0.1,
  gradNorms: { perParam: {}, perLayer: {}, perGroup: { embed: 1, body: 1, head: 1 }, total: 1 },
  stepMs: 1,
  imagesPerSec: 1,
});
const progress = {
  methodId: 'sgd',
  methodIndex: 0,
  methods: 1,
  step: 0,
  totalSteps: 1000,
  etaMs: 0,
};

describe('EventBatcher', () => {
  it('sends at most one metrics message per interval and drops nothing', () => {
    vi.useFakeTimers();
    const out: WorkerEvent[] = [];
    const b = new EventBatcher((e) => out.push(e), 100);
    for (let i = 1; i <= 1000; i++) {
      b.step('sgd', step(i), { ...progress, step: i });
      vi.advanceTimersByTime(1); // 1000 steps over 1 s
    }
    b.flush();
    vi.useRealTimers();
    const metrics = out.filter((e) => e.type === 'metrics');
    expect(metrics.length).toBeLessThanOrEqual(11);
    expect(
      metrics.flatMap((m) => (m.type === 'metrics' ? m.steps.map((s) => s.event.step) : [])),
    ).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('flushes pending steps before any other event, keeping order', () => {
    const out: WorkerEvent[] = [];
    const b = new EventBatcher((e) => out.push(e), 10_000);
    b.step('sgd', step(1), progress);
    b.send({ type: 'paused' });
    expect(out.map((e) => e.type)).toEqual(['metrics', 'paused']);
  });
});
