/**
 * The pooled numbers in words, for the table and every sentence that reads the result
 * (accuracies in [0, 1] shown in percent, differences in percentage points).
 */
import type { MeanInterval } from './stats';
import type { PooledMethod, PooledPair } from './pooled';

const pt = (v: number): string => (100 * v).toFixed(1);
const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(1)}`;
const seedsWord = (n: number): string => `${n} seed${n === 1 ? '' : 's'}`;

/** "84.6 ± 0.8"; one seed: "84.6 (1 seed: no interval)"; none: "–". */
export function meanText(iv: MeanInterval): string {
  if (iv.n === 0) return '–';
  return iv.half === null
    ? `${pt(iv.mean)} (1 seed: no interval)`
    : `${pt(iv.mean)} ± ${pt(iv.half)}`;
}

/** The interval's ends, "−0.7 to +5.9"; null without an interval. */
export function rangeText(d: MeanInterval): string | null {
  return d.half === null || d.n === 0
    ? null
    : `${signed(d.mean - d.half)} to ${signed(d.mean + d.half)}`;
}

/** A method that diverged on every seed it ran: "diverged at step 4 (NaN/Inf)" for one seed, "diverged on all 3 seeds (NaN/Inf; seed 0 at step 4, ...)" for several. */
export function allDivergedText(m: PooledMethod): string {
  const [only] = m.diverged;
  if (m.diverged.length === 1 && only)
    return `diverged${only.step !== undefined ? ` at step ${only.step}` : ''} (NaN/Inf)`;
  return `diverged on all ${m.diverged.length} seeds (NaN/Inf; ${m.diverged.map((d) => `seed ${d.seed}${d.step !== undefined ? ` at step ${d.step}` : ''}`).join(', ')})`;
}

/** What the method's seeds that have no number are doing: "1 diverged (seed 4 at step 12); 2 still running". */
export function notCountedText(m: PooledMethod): string {
  const parts: string[] = [];
  if (m.diverged.length)
    parts.push(
      `${m.diverged.length} diverged (${m.diverged.map((d) => `seed ${d.seed}${d.step !== undefined ? ` at step ${d.step}` : ''}`).join(', ')})`,
    );
  if (m.stopped) parts.push(`${m.stopped} stopped early`);
  if (m.running) parts.push(`${m.running} still running`);
  return parts.join('; ');
}

/**
 * One paired difference in a sentence: "AdamW − SGD: +1.8 ± 1.8 points OOD (−0.0 to +3.6),
 * AdamW ahead on 9 of 10 seeds; the interval includes 0, so these seeds do not settle which is
 * better." Where the interval includes 0 (or there is none yet), it says so.
 */
export function pairSentence(p: PooledPair, labelOf: (id: string) => string): string {
  const d = p.ood;
  const a = labelOf(p.a);
  const head = `${a} − ${labelOf(p.b)}: `;
  if (d.n === 0) return `${head}no seed where both have finished yet.`;
  const range = rangeText(d);
  const ahead = `${a} ahead on ${d.ahead} of ${seedsWord(d.n)}`;
  const verdict =
    d.half === null
      ? 'one seed gives no interval: run more seeds before reading a winner.'
      : d.includesZero
        ? 'the interval includes 0, so these seeds do not settle which is better.'
        : `the interval excludes 0: ${d.mean > 0 ? a : labelOf(p.b)} is ahead beyond the seed-to-seed spread.`;
  const size = `${signed(d.mean)}${d.half === null ? '' : ` ± ${pt(d.half)}`} points OOD`;
  return `${head}${size}${range ? ` (${range})` : ''}, ${ahead}; ${verdict}`;
}
