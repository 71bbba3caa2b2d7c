/**
 * The pooled view of many seeds (pure): per method the mean OOD and ID with their 90% interval
 * over the finished seeds, how many are still going or diverged, and each seed's OOD (the dot
 * plot); and the two paired differences the paper is about. The results table, the class pool
 * and the interpreting sentences all read this, never one seed.
 */
import { PAPER_METHOD_IDS } from '../../presets/method-catalog';
import { meanInterval, pairedDifference, type MeanInterval, type PairedDifference } from './stats';
import { finishedOf, type SeedResults } from './seed-results';

export interface PooledMethod {
  methodId: string;
  ood: MeanInterval;
  id: MeanInterval;
  /** Each finished seed's accuracies, ascending by seed (the dots). */
  perSeed: { seed: number; id: number; ood: number }[];
  running: number;
  stopped: number;
  /** Seeds on which the method diverged, with the step when known. */
  diverged: { seed: number; step?: number }[];
}

/** The paper's two comparisons, a − b on each seed: [a, b] as method ids of the catalogue. */
export const PAIRS = [
  { a: 'adamw', b: 'sgd' },
  { a: 'sgd-freeze', b: 'adamw' },
] as const;

export interface PooledPair {
  a: string;
  b: string;
  ood: PairedDifference;
}

export interface Pooled {
  methods: PooledMethod[];
  pairs: PooledPair[];
  /** All seeds that have any run, ascending. */
  seeds: number[];
}

function methodOrder(results: SeedResults): string[] {
  const seen = new Set<string>();
  for (const byMethod of Object.values(results))
    for (const id of Object.keys(byMethod)) seen.add(id);
  return [
    ...PAPER_METHOD_IDS.filter((id) => seen.has(id)),
    ...[...seen].filter((id) => !PAPER_METHOD_IDS.includes(id)).sort(),
  ];
}

export function poolMethod(results: SeedResults, methodId: string): PooledMethod {
  const fin = finishedOf(results, methodId);
  const perSeed = [...fin].map(([seed, r]) => ({ seed, ...r }));
  const all = Object.entries(results).map(
    ([seed, byMethod]) => [Number(seed), byMethod[methodId]] as const,
  );
  return {
    methodId,
    ood: meanInterval(perSeed.map((r) => r.ood)),
    id: meanInterval(perSeed.map((r) => r.id)),
    perSeed,
    running: all.filter(([, r]) => r?.kind === 'running').length,
    stopped: all.filter(([, r]) => r?.kind === 'stopped').length,
    diverged: all.flatMap(([seed, r]) =>
      r?.kind === 'diverged' ? [r.step === undefined ? { seed } : { seed, step: r.step }] : [],
    ),
  };
}

const oodBySeed = (results: SeedResults, methodId: string): Map<number, number> =>
  new Map([...finishedOf(results, methodId)].map(([s, r]) => [s, r.ood]));

export function pool(results: SeedResults): Pooled {
  const order = methodOrder(results);
  const pairs = PAIRS.filter((p) => order.includes(p.a) && order.includes(p.b)).map((p) => ({
    a: p.a,
    b: p.b,
    ood: pairedDifference(oodBySeed(results, p.a), oodBySeed(results, p.b)),
  }));
  return {
    methods: order.map((id) => poolMethod(results, id)),
    pairs,
    seeds: Object.keys(results)
      .map(Number)
      .sort((a, b) => a - b),
  };
}
