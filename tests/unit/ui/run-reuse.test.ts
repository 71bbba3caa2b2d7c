import { describe, expect, it } from 'vitest';
import { planReuse, reuseKey } from '../../../src/ui/features/run-reuse';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import type { MethodHistory } from '../../../src/ui/store/method-history';
import { GUIDED_STEPS } from '../../../src/ui/features/insight/guided-steps';

const finished = (): MethodHistory => ({
  steps: [],
  evals: [],
  done: { type: 'done', status: 'finished', steps: 10, best: null, last: null, elapsedMs: 1 },
});
const stopped = (): MethodHistory => ({
  steps: [],
  evals: [],
  done: { type: 'done', status: 'stopped', steps: 4, best: null, last: null, elapsedMs: 1 },
});

describe('reusing finished methods (guided mode)', () => {
  const c = defaultSettings();
  const key = reuseKey(c, 'load-key');

  it('the key ignores which methods run and how many workers run them, and nothing else', () => {
    expect(reuseKey({ ...c, methods: ['adamw'] }, 'load-key')).toBe(key);
    expect(reuseKey({ ...c, workers: 3 }, 'load-key')).toBe(key); // a pool's runs are bit-identical
    expect(reuseKey({ ...c, seeds: 5 }, 'load-key')).not.toBe(key);
    expect(reuseKey({ ...c, seed: 1 }, 'load-key')).not.toBe(key);
    expect(reuseKey({ ...c, lrAdamw: 1e-4 }, 'load-key')).not.toBe(key);
    expect(reuseKey(c, 'other-load')).not.toBe(key);
  });

  it('keeps what finished under the same settings, trains the rest', () => {
    const last = {
      key,
      methods: {
        sgd: finished(),
        adamw: stopped(),
        'sgd-freeze': { ...finished(), failed: { message: 'diverged' } },
      },
    };
    expect(planReuse(['sgd', 'adamw', 'sgd-freeze', 'sgd-freeze-nomom'], key, last)).toEqual({
      keep: ['sgd'],
      train: ['adamw', 'sgd-freeze', 'sgd-freeze-nomom'],
    });
    expect(planReuse(['sgd'], 'another key', last)).toEqual({ keep: [], train: ['sgd'] });
    expect(planReuse(['sgd'], key, null)).toEqual({ keep: [], train: ['sgd'] });
  });

  it('the five guided steps train each method once: 4 method-runs, not 10', () => {
    let last: { key: string; methods: Record<string, MethodHistory> } | null = null;
    let trained = 0;
    for (const step of GUIDED_STEPS.filter((s) => !s.optional)) {
      if (!step.config.methods.length) continue;
      const plan = planReuse(step.config.methods, key, last);
      trained += plan.train.length;
      const methods: Record<string, MethodHistory> = Object.fromEntries(
        step.config.methods.map((id) => [id, finished()]),
      );
      last = { key, methods };
    }
    expect(trained).toBe(4);
  });
});
