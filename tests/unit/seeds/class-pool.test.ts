import { describe, expect, it } from 'vitest';
import { codesIn, poolCodes } from '../../../src/ui/seeds/class-pool';
import {
  FINGERPRINTED,
  NOT_FINGERPRINTED,
  fingerprintHex,
  settingsFingerprint,
} from '../../../src/ui/seeds/fingerprint';
import { sharedFrom } from '../../../src/ui/seeds/my-result';
import { pool } from '../../../src/ui/seeds/pooled';
import { encodeShareCode, type SharedResult } from '../../../src/ui/seeds/share-code';
import { SETTING_NAMES, defaultSettings } from '../../../src/ui/settings/settings-table';

const FP = settingsFingerprint(defaultSettings());
const fin = (id: number, ood: number) => ({ kind: 'finished' as const, id, ood });
const student = (seeds: SharedResult['seeds'], fingerprint = FP): string =>
  encodeShareCode({ fingerprint, seeds });

describe('settings fingerprint', () => {
  it('covers every setting but the ones that only pick seeds, methods or workers', () => {
    expect([...FINGERPRINTED, ...NOT_FINGERPRINTED].sort()).toEqual([...SETTING_NAMES].sort());
    expect(NOT_FINGERPRINTED).toEqual(['seed', 'seeds', 'student', 'workers', 'methods']);
  });

  it('changes with a result-changing setting, not with student, seeds, workers, seed or methods', () => {
    const c = defaultSettings();
    for (const same of [
      { student: 7 },
      { seeds: 9 },
      { workers: 3 },
      { seed: 42 },
      { methods: ['sgd'] },
    ])
      expect(settingsFingerprint({ ...c, ...same })).toBe(FP);
    for (const other of [
      { lrSgd: 0.5 },
      { steps: 3 },
      { benchmark: 'style' },
      { augment: !c.augment },
      { classes: [1, 2] },
    ])
      expect(settingsFingerprint({ ...c, ...other })).not.toBe(FP);
    expect(fingerprintHex(FP)).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('pooling a class', () => {
  it('finds codes in pasted lines, comma lists and links', () => {
    expect(codesIn(' A\nB,C \n https://x.org/p/?test#model=m&pool=D,E&seed=1\n')).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
    ]);
    expect(codesIn('')).toEqual([]);
  });

  it('pools three students; a duplicate counts once; other settings and forged codes are refused with reasons', () => {
    const s0 = student({
      0: { sgd: fin(0.8, 0.7), adamw: fin(0.82, 0.75) },
      1: { sgd: fin(0.8, 0.72), adamw: fin(0.81, 0.71) },
    });
    const s1 = student({
      2: { sgd: fin(0.79, 0.7), adamw: fin(0.8, 0.8) },
      3: { sgd: { kind: 'diverged', step: 5 }, adamw: fin(0.8, 0.78) },
    });
    // Seed 1 again, same results (the student shared twice, or two devices ran one seed).
    const dup = student({ 1: { sgd: fin(0.8, 0.72), adamw: fin(0.81, 0.71) } });
    const other = student({ 9: { sgd: fin(0.5, 0.5) } }, FP ^ 1);
    const forged = s0.slice(0, 10) + (s0[10] === 'x' ? 'y' : 'x') + s0.slice(11);
    const p = poolCodes([s0, s1, dup, other, forged, 'nonsense'], FP);
    expect(p.verdicts.map((v) => v.accepted)).toEqual([true, true, true, false, false, false]);
    expect(p.verdicts[2]).toMatchObject({
      added: [],
      duplicates: ['1 sgd', '1 adamw'],
      conflicts: [],
    });
    expect(p.verdicts[3]?.reason).toMatch(/made under other settings/);
    expect(p.verdicts[4]?.reason).toMatch(/forged-looking/);
    expect(p.verdicts[5]?.reason).toMatch(/does not start with FTP1/);
    const pooled = pool(p.results);
    expect(pooled.seeds).toEqual([0, 1, 2, 3]);
    const sgd = pooled.methods.find((m) => m.methodId === 'sgd');
    const adamw = pooled.methods.find((m) => m.methodId === 'adamw');
    expect(sgd?.ood.n).toBe(3);
    expect(sgd?.ood.mean).toBeCloseTo((0.7 + 0.72 + 0.7) / 3, 9);
    expect(sgd?.diverged).toEqual([{ seed: 3, step: 5 }]);
    expect(adamw?.ood.n).toBe(4);
    expect(adamw?.ood.mean).toBeCloseTo((0.75 + 0.71 + 0.8 + 0.78) / 4, 9);
    // AdamW − SGD on seeds 0, 1, 2 (seed 3's SGD diverged): 0.05, −0.01, 0.10.
    const pair = pooled.pairs.find((x) => x.a === 'adamw');
    expect(pair?.ood.seeds).toEqual([0, 1, 2]);
    expect(pair?.ood.ahead).toBe(2);
    expect(pair?.ood.mean).toBeCloseTo(0.14 / 3, 9);
  });

  it('the same seed with a different result keeps the first pasted and names the conflict', () => {
    const a = student({ 5: { sgd: fin(0.8, 0.7) } });
    const b = student({ 5: { sgd: fin(0.8, 0.71), adamw: fin(0.9, 0.9) } });
    const p = poolCodes([a, b], FP);
    expect(p.verdicts[1]).toMatchObject({ accepted: true, added: [5], conflicts: ['5 sgd'] });
    expect(p.results[5]?.sgd).toEqual(fin(0.8, 0.7));
    expect(p.results[5]?.adamw).toEqual(fin(0.9, 0.9));
  });

  it("a page's own results become a code: finished and diverged runs only", () => {
    const shared = sharedFrom(
      {
        0: { sgd: { kind: 'finished', id: 0.5, ood: 0.4, step: 9 }, adamw: { kind: 'running' } },
        1: { sgd: { kind: 'stopped', step: 3 } },
        2: { adamw: { kind: 'diverged', step: 4 } },
      },
      FP,
    );
    expect(shared).toEqual({
      fingerprint: FP,
      seeds: { 0: { sgd: fin(0.5, 0.4) }, 2: { adamw: { kind: 'diverged', step: 4 } } },
    });
  });
});

describe('codes in the link', () => {
  it('the pool key is the page’s: not a setting, not reported as ignored', async () => {
    const { parseHash, PAGE_KEYS } = await import('../../../src/ui/settings/url-hash');
    const { POOL_HASH_KEY } = await import('../../../src/ui/seeds/class-pool');
    expect(PAGE_KEYS).toContain(POOL_HASH_KEY);
    const h = parseHash(`#seed=4&${POOL_HASH_KEY}=FTP1.abc,FTP1.def&nope=1`);
    expect(h.config.seed).toBe(4);
    expect(h.ignored).toEqual(['nope']);
  });
});
