/**
 * This page's seeds, pooled (seeds/pooled.ts), following the store once a second like the
 * results table. Read through seedRunsOf: the worker pool's seeds, or the one seed a
 * single-worker run trained.
 */
import { useMemo } from 'react';
import type { SessionSlice } from '../../store/session-slice';
import { seedRunsOf } from '../../store/seed-runs';
import { useStore } from '../../store/store';
import { pool, type Pooled } from '../../seeds/pooled';
import { seedResults, type SeedResults } from '../../seeds/seed-results';
import { useThrottledSession } from '../charts/use-throttled-session';

const selectSeedRuns = (s: SessionSlice): SessionSlice['seedRuns'] => s.seedRuns;
const selectMethods = (s: SessionSlice): SessionSlice['methods'] => s.methods;

/** Every (seed, method) run's result on this page. */
export function useSeedResults(worstGroup: boolean): SeedResults {
  const seedRuns = useThrottledSession(selectSeedRuns, 1000);
  const methods = useThrottledSession(selectMethods, 1000);
  const config = useStore((s) => s.config);
  return useMemo(
    () => seedResults(seedRunsOf({ seedRuns, methods, config }), worstGroup),
    [seedRuns, methods, config, worstGroup],
  );
}

export function usePooledSeeds(worstGroup: boolean): Pooled {
  const results = useSeedResults(worstGroup);
  return useMemo(() => pool(results), [results]);
}
