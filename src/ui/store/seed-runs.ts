/**
 * The comparison's runs by seed, whatever ran them: the worker pool fills `seedRuns` with every
 * seed's methods; a run of one seed (or a saved run) has only `methods`, which then stands for
 * its own seed. Every view of the seeds (results table, dot plot, share code) reads this.
 */
import type { MethodHistory } from './method-history';
import type { PlaygroundState } from './store';
import { seedList } from '../settings/seed-list';

/** seed -> method id -> history, in ascending seed order when iterated with `seedsOf`. */
export type SeedRuns = Record<number, Record<string, MethodHistory>>;

export function seedRunsOf(s: Pick<PlaygroundState, 'seedRuns' | 'methods' | 'config'>): SeedRuns {
  if (Object.keys(s.seedRuns).length > 0) return s.seedRuns;
  if (Object.keys(s.methods).length === 0) return {};
  // The seed a one-seed run trained: the comparison's first (to-commands.ts), not `seed` itself.
  return { [seedList(s.config)[0] ?? s.config.seed]: s.methods };
}

export function seedsOf(runs: SeedRuns): number[] {
  return Object.keys(runs)
    .map(Number)
    .sort((a, b) => a - b);
}
