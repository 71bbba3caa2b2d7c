/** From the page's settings to the pool's work: what each seed keeps from the last run, the units left, and each job's load and run. */
import { describe, expect, it } from 'vitest';
import { jobSource, keptAndUnits } from '../../../../src/ui/pool/train-in-pool';
import { defaultSettings } from '../../../../src/ui/settings/settings-table';
import { loadKey, runSpec } from '../../../../src/ui/settings/to-commands';
import type { OwnImages } from '../../../../src/ui/store/own-data-slice';
import type { MethodHistory } from '../../../../src/ui/store/method-history';

const finished = (): MethodHistory => ({
  steps: [],
  evals: [],
  done: { type: 'done', status: 'finished', steps: 10, best: null, last: null, elapsedMs: 1 },
});
const NO_OWN: OwnImages = {
  active: false,
  busy: false,
  result: null,
  error: null,
  id: 0,
  started: 0,
};

describe('keptAndUnits', () => {
  const c = { ...defaultSettings(), seed: 10, seeds: 3, student: 0, methods: ['sgd', 'adamw'] };

  it('with nothing to reuse: every seed x method, seed-major', () => {
    const { kept, units } = keptAndUnits(c, 'k', null);
    expect(kept).toEqual({});
    expect(units.map((u) => `${u.seed}:${u.methodId}`)).toEqual([
      '10:sgd',
      '10:adamw',
      '11:sgd',
      '11:adamw',
      '12:sgd',
      '12:adamw',
    ]);
  });

  it('keeps per seed what finished under the same key; a different key keeps nothing', () => {
    const runs = { 10: { sgd: finished(), adamw: finished() }, 11: { adamw: finished() } };
    const { kept, units } = keptAndUnits(c, 'k', { key: 'k', runs });
    expect(Object.keys(kept[10] ?? {})).toEqual(['sgd', 'adamw']);
    expect(Object.keys(kept[11] ?? {})).toEqual(['adamw']);
    expect(12 in kept).toBe(false);
    expect(units.map((u) => `${u.seed}:${u.methodId}`)).toEqual(['11:sgd', '12:sgd', '12:adamw']);
    expect(keptAndUnits(c, 'other', { key: 'k', runs }).units).toHaveLength(6);
  });
});

describe('jobSource', () => {
  it('loads and runs each seed as a one-seed run of it would, the run restricted to the job methods', () => {
    const c = { ...defaultSettings(), seed: 10, seeds: 2, methods: ['sgd', 'adamw', 'sgd-freeze'] };
    const src = jobSource(c, NO_OWN);
    expect(src.primarySeed).toBe(10);
    expect(src.load(11).key).toBe(loadKey(c, 11));
    expect(src.load(11).data.seed).toBe(11);
    expect(src.load(11).model.seed).toBe(11);
    const run = src.run(11, ['adamw', 'sgd-freeze']);
    expect(run).toEqual({
      ...runSpec(c, 11),
      methods: runSpec(c, 11).methods.filter((m) => m.id !== 'sgd'),
    });
  });

  it('refuses a load of own images not yet imported, with the reason', () => {
    const src = jobSource(defaultSettings(), { ...NO_OWN, active: true, id: 1 });
    expect(() => src.load(0)).toThrow(/pick a folder of your images first/);
  });
});
