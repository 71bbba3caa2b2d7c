/**
 * What the recorded full experiment (reference/reference-data.ts) says about the paper's two
 * comparisons, in words, read from its file so the page and docs/results.md quote the same
 * numbers. The file keeps each method's mean and 90% interval over its seeds, not each seed's
 * numbers, so it cannot be paired seed by seed: the sentence compares the intervals and says so.
 */
import type { Interval, Reference } from '../reference/reference-data';
import { PAIRS } from './pooled';

const pct = (v: Interval): string => `${(100 * v.mean).toFixed(1)} ± ${(100 * v.half).toFixed(1)}`;
const overlap = (a: Interval, b: Interval): boolean =>
  a.mean - a.half <= b.mean + b.half && b.mean - b.half <= a.mean + a.half;

/** One sentence per comparison the file has both methods of. */
export function referenceReading(r: Reference, labelOf: (id: string) => string): string[] {
  return PAIRS.flatMap(({ a, b }) => {
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
  });
}

export const REFERENCE_NO_DOTS =
  'The recording keeps each method’s mean and interval, not each seed’s numbers, so its seeds cannot be drawn as dots or paired seed by seed; the comparison below reads the intervals.';
