/**
 * The recorded experiment read seed by seed (perSeed), against hand-computed numbers, and the
 * old interval reading for a recording without per-seed values.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { methodLabel } from '../../../src/presets/method-catalog';
import { ReferenceSeedsNote } from '../../../src/ui/features/seeds/reference-seeds-note';
import { dotPoints } from '../../../src/ui/features/seeds/seed-dot-plot';
import { parseReference, type Reference } from '../../../src/ui/reference/reference-data';
import {
  REFERENCE_NO_DOTS,
  referencePooled,
  referenceReading,
  referenceSeeds,
  referenceSeedsSentence,
} from '../../../src/ui/seeds/reference-reading';
import { recordedMethod, recording } from '../../helpers/reference-file';

const method = recordedMethod;

// A made-up recording, three seeds. OOD per seed (1, 2, 3):
//   SGD 0.80 0.82 0.78, AdamW 0.83 0.81 0.84, SGD freeze-embed 0.88 0.87 0.90.
// AdamW − SGD: +0.03 −0.01 +0.06: mean 0.02667, sd sqrt(0.0024667 / 2) = 0.035119,
//   half 2.92 · 0.035119 / √3 = 0.05921: +2.7 ± 5.9 (−3.3 to +8.6), ahead on 2 of 3.
// SGD freeze-embed − AdamW: +0.05 +0.06 +0.06: mean 0.05667, sd 0.0057735,
//   half 2.92 · 0.0057735 / √3 = 0.00973: +5.7 ± 1.0 (+4.7 to +6.6), ahead on 3 of 3.
const FILE = recording('A made-up recording: 3 seeds', {
  sgd: method(0.01, [0.8, 0.82, 0.78], [0.8, 0.034]),
  adamw: method(0.001, [0.83, 0.81, 0.84], [0.8267, 0.026]),
  'sgd-freeze': method(0.03, [0.88, 0.87, 0.9], [0.8833, 0.026]),
});

const withoutPerSeed = (): unknown =>
  JSON.parse(JSON.stringify(FILE), (k, v: unknown) => (k === 'perSeed' ? undefined : v));

describe('the recorded experiment, seed by seed', () => {
  const ref = parseReference(JSON.parse(JSON.stringify(FILE))) as Reference;

  it('pairs the methods on their common seeds, as the live seeds are', () => {
    expect(referenceSeeds(ref)).toEqual([1, 2, 3]);
    const pooled = referencePooled(ref)!;
    expect(pooled.methods.map((m) => m.methodId)).toEqual(['sgd', 'adamw', 'sgd-freeze']);
    const [adamSgd, freezeAdam] = pooled.pairs;
    expect(adamSgd).toMatchObject({ a: 'adamw', b: 'sgd' });
    expect(adamSgd!.ood.mean).toBeCloseTo(0.08 / 3, 12);
    expect(adamSgd!.ood.half).toBeCloseTo((2.92 * Math.sqrt(0.0074 / 3 / 2)) / Math.sqrt(3), 12);
    expect(adamSgd!.ood).toMatchObject({ n: 3, ahead: 2, includesZero: true });
    expect(freezeAdam!.ood.mean).toBeCloseTo(0.17 / 3, 12);
    expect(freezeAdam!.ood).toMatchObject({ n: 3, ahead: 3, includesZero: false });
  });

  it('reads the paired differences in words (interval, ahead on k of n, the zero sentence)', () => {
    expect(referenceReading(ref, methodLabel)).toEqual([
      'AdamW − SGD (momentum 0.9): +2.7 ± 5.9 points OOD (−3.3 to +8.6), AdamW ahead on 2 of 3 seeds; the interval includes 0, so these seeds do not settle which is better.',
      'SGD freeze-embed − AdamW: +5.7 ± 1.0 points OOD (+4.7 to +6.6), SGD freeze-embed ahead on 3 of 3 seeds; the interval excludes 0: SGD freeze-embed is ahead beyond the seed-to-seed spread.',
    ]);
    expect(referenceSeedsSentence(ref)).toMatch(
      /same seeds 1–3, so the comparisons below are paired/,
    );
  });

  it('draws each recorded seed as a dot, with the pairs listed under their own test ids', () => {
    const html = renderToStaticMarkup(createElement(ReferenceSeedsNote, { reference: ref }));
    expect(html).toContain('data-testid="reference-seed-dots" data-dots="9"');
    expect(html).toMatch(
      /data-testid="reference-paired".*data-pair="adamw-sgd" data-n="3" data-ahead="2" data-includes-zero="true"/,
    );
    expect(html).not.toContain('data-testid="seed-dots"');
    expect(html).not.toContain(REFERENCE_NO_DOTS);
    const pts = dotPoints(referencePooled(ref)!.methods);
    expect(pts[1]?.dots.map((d) => [d.seed, d.y])).toEqual([
      [1, 83],
      [2, 81],
      [3, 84],
    ]);
  });

  it('a recording without perSeed keeps the interval reading and says why there are no dots', () => {
    const old = parseReference(withoutPerSeed())!;
    expect(referenceSeeds(old)).toBeNull();
    expect(referencePooled(old)).toBeNull();
    expect(referenceSeedsSentence(old)).toBe(REFERENCE_NO_DOTS);
    // AdamW 82.7 ± 2.6 against SGD 80.0 ± 3.4 overlap; freeze-embed 88.3 ± 2.6 against 82.7 ± 2.6 do not.
    expect(referenceReading(old, methodLabel)).toEqual([
      'AdamW − SGD (momentum 0.9): +2.7 points OOD (82.7 ± 2.6 against 80.0 ± 3.4, 3 and 3 seeds); the intervals overlap, so the recorded seeds do not settle which is better.',
      'SGD freeze-embed − AdamW: +5.7 points OOD (88.3 ± 2.6 against 82.7 ± 2.6, 3 and 3 seeds); the intervals do not overlap.',
    ]);
    const html = renderToStaticMarkup(createElement(ReferenceSeedsNote, { reference: old }));
    expect(html).not.toContain('reference-seed-dots');
    expect(html).toContain('the intervals overlap');
  });

  it('methods on different seeds are not paired', () => {
    const raw = JSON.parse(JSON.stringify(FILE)) as typeof FILE;
    raw.methods.sgd.seeds = [1, 2, 4];
    raw.methods.sgd.perSeed[2]!.seed = 4;
    const r = parseReference(raw)!;
    expect(r.methods.sgd?.perSeed).toHaveLength(3);
    expect(referenceSeeds(r)).toBeNull();
    expect(referenceReading(r, methodLabel)[0]).toMatch(/the intervals overlap/);
  });

  it('a malformed perSeed: the note says which values were not read, and reads the intervals', () => {
    const raw = JSON.parse(JSON.stringify(FILE)) as typeof FILE;
    raw.methods.adamw.perSeed[1]!.ood = 81;
    const r = parseReference(raw)!;
    expect(referenceSeeds(r)).toBeNull();
    expect(referenceSeedsSentence(r)).toBe(
      `${REFERENCE_NO_DOTS} (Per-seed values not read: adamw: perSeed[1].ood is not an accuracy in [0, 1].)`,
    );
  });
});
