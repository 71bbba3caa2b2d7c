import { describe, expect, it } from 'vitest';
import { pool } from '../../../src/ui/seeds/pooled';
import { runResult, seedResults } from '../../../src/ui/seeds/seed-results';
import { meanText, pairSentence } from '../../../src/ui/seeds/format';
import { referenceReading, referenceSeeds } from '../../../src/ui/seeds/reference-reading';
import { parseReference } from '../../../src/ui/reference/reference-data';
import { methodLabel } from '../../../src/presets/method-catalog';
import { seedRunsOf } from '../../../src/ui/store/seed-runs';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { twoMethods } from '../ui/charts-fixture';
import { readFileSync } from 'node:fs';

describe('per-run result and the pooled view', () => {
  it('a run is finished (best-ID evaluation), diverged at step k, stopped, or still running', () => {
    const m = twoMethods();
    expect(runResult(m.sgd!, false)).toEqual({ kind: 'finished', id: 0.8, ood: 0.5, step: 50 });
    expect(runResult(m.sgd!, true).kind === 'finished' && runResult(m.sgd!, true)).toMatchObject({
      ood: 0.4,
    });
    expect(runResult(m['sgd-freeze']!, false)).toEqual({ kind: 'running' });
    expect(runResult({ ...m.sgd!, failed: { message: 'NaN', step: 12 } }, false)).toEqual({
      kind: 'diverged',
      step: 12,
    });
    expect(runResult({ ...m.sgd!, done: { ...m.sgd!.done!, status: 'stopped' } }, false)).toEqual({
      kind: 'stopped',
      step: 50,
    });
  });

  it("one seed's run (no pool) stands for the comparison's first seed, student number included", () => {
    const c = { ...defaultSettings(), seed: 0, seeds: 3, student: 2 };
    expect(Object.keys(seedRunsOf({ seedRuns: {}, methods: twoMethods(), config: c }))).toEqual([
      '6',
    ]);
  });

  it('pools seeds: mean ± interval over finished seeds, running ones counted, pairs in the paper order', () => {
    const m = twoMethods();
    const runs = { 0: m, 1: { sgd: m.sgd!, adamw: m.sgd! } };
    const p = pool(seedResults(runs, false));
    expect(p.methods.map((x) => x.methodId)).toEqual(['sgd', 'adamw', 'sgd-freeze']);
    expect(p.methods[0]?.ood).toEqual({ n: 2, mean: 0.5, half: 0 });
    expect(p.methods[2]).toMatchObject({ running: 1, ood: { n: 0 } });
    expect(p.pairs.map((x) => `${x.a}-${x.b}`)).toEqual(['adamw-sgd', 'sgd-freeze-adamw']);
    expect(p.pairs[0]?.ood).toMatchObject({ n: 1, ahead: 0, half: null });
    expect(p.pairs[1]?.ood.n).toBe(0);
  });

  it('says what the numbers mean: interval or none, including 0 or not', () => {
    expect(meanText({ n: 3, mean: 0.8123, half: 0.0151 })).toBe('81.2 ± 1.5');
    expect(meanText({ n: 1, mean: 0.8, half: null })).toBe('80.0 (1 seed: no interval)');
    expect(
      pairSentence(
        {
          a: 'adamw',
          b: 'sgd',
          ood: {
            n: 2,
            mean: -0.012,
            half: 0.03,
            ahead: 1,
            seeds: [],
            diffs: [],
            includesZero: true,
          },
        },
        methodLabel,
      ),
    ).toMatch(
      /^AdamW − SGD \(momentum 0\.9\): −1\.2 ± 3\.0 points OOD \(−4\.2 to \+1\.8\), AdamW ahead on 1 of 2 seeds; the interval includes 0/,
    );
    const pair = (mean: number, half: number | null, includesZero: boolean) => ({
      a: 'adamw',
      b: 'sgd',
      ood: { n: 10, mean, half, ahead: 9, seeds: [], diffs: [], includesZero },
    });
    expect(pairSentence(pair(0.018, 0.018, true), methodLabel)).toBe(
      'AdamW − SGD (momentum 0.9): +1.8 ± 1.8 points OOD (+0.0 to +3.6), AdamW ahead on 9 of 10 seeds; the interval includes 0, so these seeds do not settle which is better.',
    );
    expect(pairSentence(pair(0.045, 0.021, false), methodLabel)).toMatch(
      /\+4\.5 ± 2\.1 points OOD \(\+2\.4 to \+6\.6\).*the interval excludes 0: AdamW is ahead/,
    );
    expect(
      pairSentence(
        { ...pair(0.1, null, true), ood: { ...pair(0.1, null, true).ood, n: 1, ahead: 1 } },
        methodLabel,
      ),
    ).toMatch(/one seed gives no interval/);
  });

  it('the recorded experiment: read from its file, paired seed by seed; docs/results.md quotes the same', () => {
    const ref = parseReference(
      JSON.parse(readFileSync('public/reference/acquisition-s10.json', 'utf8')),
    );
    expect(ref).not.toBeNull();
    expect(referenceSeeds(ref!)).toEqual([200, 201, 202, 203, 204, 205, 206, 207, 208, 209]);
    const lines = referenceReading(ref!, methodLabel);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^AdamW − SGD \(momentum 0\.9\): [+−]\d+\.\d ± \d+\.\d points OOD .* of 10 seeds/,
    );
    expect(lines[1]).toMatch(/^SGD freeze-embed − AdamW: .* of 10 seeds/);
    // The pooled rows (docs/results.md: SGD 83.7 ± 0.7, AdamW 84.1 ± 0.8, SGD freeze-embed 88.2 ± 0.5) and
    // the paired differences the page computes, each as the docs quote it.
    const docs = readFileSync('docs/results.md', 'utf8');
    for (const q of ['83.7 ± 0.7', '84.1 ± 0.8', '88.2 ± 0.5']) expect(docs).toContain(q);
    for (const line of lines) {
      const [, size, range, ahead] =
        /: ([+−][\d.]+ ± [\d.]+) points OOD \(([^)]+)\), .* ahead on (\d+ of \d+) seeds/.exec(
          line,
        ) ?? [];
      expect(docs).toContain(`${size} (${range}), ahead on ${ahead}`);
    }
  });
});
