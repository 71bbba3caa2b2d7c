/**
 * This page's own results as a share code (share-code.ts): every finished or diverged
 * (seed, method) run; runs still going or stopped by hand are left out until they finish.
 */
import type { SeedResults } from './seed-results';
import type { SharedResult, SharedRun } from './share-code';

export function sharedFrom(results: SeedResults, fingerprint: number): SharedResult {
  const seeds: SharedResult['seeds'] = {};
  for (const [seed, byMethod] of Object.entries(results)) {
    const runs: Record<string, SharedRun> = {};
    for (const [id, r] of Object.entries(byMethod)) {
      if (r.kind === 'finished') runs[id] = { kind: 'finished', id: r.id, ood: r.ood };
      else if (r.kind === 'diverged')
        runs[id] = r.step === undefined ? { kind: 'diverged' } : { kind: 'diverged', step: r.step };
    }
    if (Object.keys(runs).length) seeds[Number(seed)] = runs;
  }
  return { fingerprint, seeds };
}
