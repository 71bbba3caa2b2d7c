/**
 * One result per (seed, method) run, as the results table reads a run: ID and OOD accuracy at
 * the evaluation with the best ID accuracy (the paper's early stopping, results-rows.ts), once
 * the run has finished. A run that diverged, was stopped, or is still going has no result yet
 * and says which; only finished runs enter the means (a diverged run is counted and shown, not
 * averaged in as a number it never reached).
 */
import type { MethodHistory } from '../store/method-history';
import type { SeedRuns } from '../store/seed-runs';
import { seedsOf } from '../store/seed-runs';
import { idAccuracy, oodAccuracy } from '../features/charts/series';

export type RunResult =
  /** Accuracies in [0, 1], at the best-ID evaluation (`step`; unknown for a result read from a share code). */
  | { kind: 'finished'; id: number; ood: number; step?: number }
  /** Stopped on its own (NaN/Inf) at `step` (undefined when the worker did not say). */
  | { kind: 'diverged'; step?: number }
  /** Stopped by the user before its end. */
  | { kind: 'stopped'; step: number }
  | { kind: 'running' };

/** seed -> method id -> result. */
export type SeedResults = Record<number, Record<string, RunResult>>;

export function runResult(m: MethodHistory, worstGroup: boolean): RunResult {
  if (m.failed)
    return m.failed.step === undefined
      ? { kind: 'diverged' }
      : { kind: 'diverged', step: m.failed.step };
  if (!m.done) return { kind: 'running' };
  if (m.done.status !== 'finished' || !m.done.best) return { kind: 'stopped', step: m.done.steps };
  const b = m.done.best;
  return {
    kind: 'finished',
    id: idAccuracy(b, worstGroup),
    ood: oodAccuracy(b, worstGroup),
    step: b.step,
  };
}

export function seedResults(runs: SeedRuns, worstGroup: boolean): SeedResults {
  const out: SeedResults = {};
  for (const seed of seedsOf(runs)) {
    const methods = runs[seed] ?? {};
    out[seed] = Object.fromEntries(
      Object.entries(methods).map(([id, m]) => [id, runResult(m, worstGroup)]),
    );
  }
  return out;
}

/** One method's finished results by seed: seed -> {id, ood}. */
export function finishedOf(
  results: SeedResults,
  methodId: string,
): Map<number, { id: number; ood: number }> {
  const out = new Map<number, { id: number; ood: number }>();
  for (const seed of Object.keys(results)
    .map(Number)
    .sort((a, b) => a - b)) {
    const r = results[seed]?.[methodId];
    if (r?.kind === 'finished') out.set(seed, { id: r.id, ood: r.ood });
  }
  return out;
}
