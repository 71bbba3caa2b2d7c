/**
 * What the recorded full experiment (reference/reference-data.ts) says about the paper's two
 * comparisons, in words, read from its file so the page and docs/results.md quote the same
 * numbers. A recording with each seed's numbers (perSeed) is pooled as the live seeds are
 * (pooled.ts): every method ran the same seeds, so the comparisons are paired seed by seed. An
 * older recording keeps only each method's mean and interval: then the sentence compares the
 * intervals and says so.
 */
import type { Interval, Reference } from '../reference/reference-data';
import { pairSentence } from './format';
import { PAIRS, pool, type Pooled } from './pooled';
import type { SeedResults } from './seed-results';

const pct = (v: Interval): string => `${(100 * v.mean).toFixed(1)} ± ${(100 * v.half).toFixed(1)}`;
const overlap = (a: Interval, b: Interval): boolean =>
  a.mean - a.half <= b.mean + b.half && b.mean - b.half <= a.mean + a.half;

/**
 * The seeds every method of the file kept perSeed for, ascending; null unless all kept it on the
 * same seeds (an older recording, a malformed perSeed, or unequal seeds: no pairing, no dots).
 */
export function referenceSeeds(r: Reference): number[] | null {
  const methods = Object.values(r.methods);
  const lists = methods.map((m) => (m.perSeed ?? []).map((s) => s.seed).sort((x, y) => x - y));
  const first = lists[0];
  if (!first?.length) return null;
  return lists.every((l) => l.join(',') === first.join(',')) ? first : null;
}

/** seed -> method -> finished result (SeedResults, as the live seeds), from perSeed. */
export function referenceSeedResults(r: Reference): SeedResults {
  const out: SeedResults = {};
  for (const [id, m] of Object.entries(r.methods))
    for (const s of m.perSeed ?? [])
      (out[s.seed] ??= {})[id] = { kind: 'finished', id: s.id, ood: s.ood };
  return out;
}

/** The recording pooled like the live seeds (dots, paired differences); null when referenceSeeds is. */
export function referencePooled(r: Reference): Pooled | null {
  return referenceSeeds(r) ? pool(referenceSeedResults(r)) : null;
}

/** The interval comparison of a recording without per-seed numbers. */
function intervalSentence(r: Reference, a: string, b: string, labelOf: (id: string) => string) {
  const ma = r.methods[a];
  const mb = r.methods[b];
  if (!ma || !mb) return [];
  const diff = (100 * (ma.best.ood.mean - mb.best.ood.mean)).toFixed(1);
  const head = `${labelOf(a)} − ${labelOf(b)}: ${Number(diff) >= 0 ? '+' : '−'}${Math.abs(Number(diff)).toFixed(1)} points OOD (${pct(ma.best.ood)} against ${pct(mb.best.ood)}, ${ma.best.ood.n} and ${mb.best.ood.n} seeds)`;
  return [
    overlap(ma.best.ood, mb.best.ood)
      ? `${head}; the intervals overlap, so the recorded seeds do not settle which is better.`
      : `${head}; the intervals do not overlap.`,
  ];
}

/** One sentence per comparison the file has both methods of: paired by seed when referencePooled is not null. */
export function referenceReading(r: Reference, labelOf: (id: string) => string): string[] {
  const pooled = referencePooled(r);
  if (pooled) return pooled.pairs.map((p) => pairSentence(p, labelOf));
  return PAIRS.flatMap(({ a, b }) => intervalSentence(r, a, b, labelOf));
}

export const REFERENCE_NO_DOTS =
  'The recording keeps each method’s mean and interval, not each seed’s numbers, so its seeds cannot be drawn as dots or paired seed by seed; the comparison below reads the intervals.';

/** "seeds 200–209" for consecutive seeds, else "seeds 1, 5, 9". */
const seedList = (seeds: readonly number[]): string => {
  const first = seeds[0];
  const last = seeds[seeds.length - 1];
  const consecutive = seeds.every((s, k) => s === (first ?? 0) + k);
  return seeds.length > 2 && consecutive && first !== undefined && last !== undefined
    ? `seeds ${first}–${last}`
    : `seed${seeds.length === 1 ? '' : 's'} ${seeds.join(', ')}`;
};

/**
 * The note above the recording's comparisons: how they are read. Paired when referenceSeeds is
 * not null; otherwise REFERENCE_NO_DOTS, and any malformed perSeed named.
 */
export function referenceSeedsSentence(r: Reference): string {
  const seeds = referenceSeeds(r);
  if (seeds)
    return `Each dot is one recorded seed; every method ran the same ${seedList(seeds)}, so the comparisons below are paired seed by seed (mean ± 90% interval of the differences).`;
  const problems = Object.values(r.methods).flatMap((m) =>
    m.perSeedProblem ? [m.perSeedProblem] : [],
  );
  return problems.length
    ? `${REFERENCE_NO_DOTS} (Per-seed values not read: ${problems.join('; ')}.)`
    : REFERENCE_NO_DOTS;
}
