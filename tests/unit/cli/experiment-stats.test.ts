import { parseVariant } from '../../../src/cli/experiment/load';
import { describe, expect, it } from 'vitest';
import { interval90, pct } from '../../../src/cli/experiment/stats';
import {
  fmtG,
  loadRecipe,
  runKey,
  sweepOf,
  optimizerOf,
} from '../../../src/cli/experiment/load-recipe';
import { gapReadings, summarise } from '../../../src/cli/experiment/aggregate';
import { gapTable } from '../../../src/cli/experiment/report';
import type { RunRecord } from '../../../src/cli/experiment/record';

describe('interval90', () => {
  it('is mean ± t(0.95, n-1) sd / sqrt(n)', () => {
    const iv = interval90([1, 2, 3]); // sd 1, t(0.95, 2) = 2.920
    expect(iv.mean).toBe(2);
    expect(iv.half).toBeCloseTo(2.92 / Math.sqrt(3), 6);
    expect(pct(interval90([0.5, 0.6, 0.7]))).toBe('60.0 ± 16.9');
  });
  it('has no width for a single seed', () => {
    expect(Number.isNaN(interval90([0.4]).half)).toBe(true);
    expect(pct(interval90([0.4]))).toBe('40.0');
  });
});

describe('recipe', () => {
  it('names runs as the PyTorch twin does (Python {:g})', () => {
    expect([0.003, 0.01, 0.1, 0.3, 0.0001, 0.0003, 0.001, 1e-5].map(fmtG)).toEqual([
      '0.003',
      '0.01',
      '0.1',
      '0.3',
      '0.0001',
      '0.0003',
      '0.001',
      '1e-05',
    ]);
    expect(runKey('vit-adamw', 'style', 'sgd', 0.01, 2, 6)).toBe(
      'vit-adamw__style__sgd__lr0.01__s2__e6',
    );
  });
  it('has a sweep and an engine optimizer for every method', () => {
    const r = loadRecipe();
    for (const id of Object.keys(r.methods)) {
      expect(sweepOf(r, id).length).toBeGreaterThan(1);
      const o = optimizerOf(r, id, 0.01);
      expect(o.lr).toBe(0.01);
      expect(o.kind).toBe(r.methods[id]?.optimizer);
    }
    for (const id of r.defaultMethods) expect(r.methods[id]).toBeDefined();
    expect(optimizerOf(r, 'sgd-freeze-nomom', 0.1)).toMatchObject({ kind: 'sgd', momentum: 0 });
    expect(optimizerOf(r, 'adamw', 1e-3)).toMatchObject({ kind: 'adamw', weightDecay: 0.01 });
  });
});

const rec = (method: string, lr: number, seed: number, id: number, ood: number): RunRecord => {
  const e = { epoch: 1, loss: 1, id, ood, idAcc: id, oodAcc: ood };
  return {
    engine: 'torch',
    model: 'm',
    benchmark: 'b',
    method,
    lr,
    seed,
    epochs: 1,
    batchSize: 8,
    steps: 1,
    diverged: false,
    perEpoch: [e],
    best: e,
    final: e,
    embedDrift: 0,
    seconds: 1,
  };
};

describe('summarise', () => {
  const runs = [
    // SGD: lr 0.1 wins on ID at the sweep seed even though its OOD is worse (OOD never selects).
    rec('sgd', 0.01, 0, 0.8, 0.7),
    rec('sgd', 0.1, 0, 0.85, 0.5),
    rec('sgd', 0.1, 1, 0.83, 0.52),
    rec('sgd', 0.1, 2, 0.84, 0.48),
    rec('adamw', 0.001, 0, 0.86, 0.7),
    rec('adamw', 0.001, 1, 0.86, 0.72),
    rec('adamw', 0.001, 2, 0.86, 0.68),
    rec('sgd-freeze', 0.1, 0, 0.86, 0.65),
    rec('sgd-freeze', 0.1, 1, 0.86, 0.65),
    rec('sgd-freeze', 0.1, 2, 0.86, 0.65),
  ];
  it('picks the learning rate by ID at the sweep seed and averages the seeds there', () => {
    const cells = summarise(runs, 0);
    const sgd = cells.find((c) => c.method === 'sgd');
    expect(sgd?.lr).toBe(0.1);
    expect(sgd?.seeds).toEqual([0, 1, 2]);
    expect(sgd?.ood.mean).toBeCloseTo(0.5, 9);
  });
  it('reads the AdamW-SGD gap and the share freeze-embed recovers', () => {
    const [g] = gapReadings(summarise(runs, 0));
    expect(g?.gap).toBeCloseTo(0.2, 9);
    expect(g?.significant).toBe(true);
    expect(g?.recovered).toBeCloseTo(0.75, 9);
    expect(gapTable([g!])).toContain('| 20.0 | yes | 75% |');
    // A gap inside the seed interval gets no recovered share (it would be noise over noise).
    expect(gapTable([{ ...g!, gap: 0.001, significant: false, recovered: 10 }])).toContain(
      '| 0.1 | no | – (gap inside the interval) |',
    );
  });
});

describe('benchmark variants in the matrix', () => {
  it('reads <name>-s<NN> as the benchmark at strength NN/10, as the PyTorch twin names its sets', () => {
    expect(parseVariant('acquisition')).toEqual({ name: 'acquisition', options: {} });
    expect(parseVariant('acquisition-s10')).toEqual({
      name: 'acquisition',
      options: { strength: 1 },
    });
    expect(parseVariant('spurious-s7')).toEqual({ name: 'spurious', options: { strength: 0.7 } });
    expect(parseVariant('style-preset')).toEqual({ name: 'style-preset', options: {} });
    expect(() => parseVariant('style-s12')).toThrow(/over s10/);
  });
});
