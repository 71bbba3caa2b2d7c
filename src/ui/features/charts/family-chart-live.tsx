/**
 * The family scatter (family-chart.tsx) wired to the page: the recorded family file, the weights
 * in force (ringed when they are a checkpoint of the family) and, once the run's AdamW and SGD
 * have finished, the run's own point from its first-step gradients and its pooled seeds. Nothing
 * is drawn until the recorded file has loaded (a deploy without it shows no chart).
 */
import { useMemo } from 'react';
import type { SessionSlice } from '../../store/session-slice';
import { seedRunsOf } from '../../store/seed-runs';
import { useStore } from '../../store/store';
import { useFamilyResults } from '../../reference/use-family-results';
import { usePooledSeeds } from '../seeds/use-pooled-seeds';
import { FamilyChart } from './family-chart';
import { familyPlot, type YourRun } from './family-points';
import { layerInfoOf } from './series';
import { useSame } from './stable';
import { useThrottledSession } from './use-throttled-session';
import { yourRun } from './your-run-point';

const sameRun = (a: YourRun | null, b: YourRun | null): boolean =>
  a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));

const selectSeedRuns = (s: SessionSlice): SessionSlice['seedRuns'] => s.seedRuns;
const selectMethods = (s: SessionSlice): SessionSlice['methods'] => s.methods;
const selectLoaded = (s: SessionSlice): SessionSlice['loaded'] => s.loaded;

export function FamilyChartLive() {
  const family = useFamilyResults();
  const weights = useStore((s) => s.config.weights);
  const config = useStore((s) => s.config);
  const seedRuns = useThrottledSession(selectSeedRuns, 1000);
  const methods = useThrottledSession(selectMethods, 1000);
  const loaded = useThrottledSession(selectLoaded, 1000);
  const pooled = usePooledSeeds(loaded?.oodMetric === 'worst-group-accuracy');
  // Kept while its numbers are: the store's seedRuns change every second while later seeds train,
  // and a new point each time redrew the scatter (35-80 ms of main thread a time).
  const you = useSame(
    useMemo(
      () => yourRun(seedRunsOf({ seedRuns, methods, config }), pooled, layerInfoOf(loaded)),
      [seedRuns, methods, config, pooled, loaded],
    ),
    sameRun,
  );
  const plot = useMemo(
    () => (family ? familyPlot(family.rows, weights, you) : null),
    [family, weights, you],
  );
  if (!family || !plot) return null;
  return <FamilyChart plot={plot} correlation={family.correlation} liveName={weights} />;
}
