/**
 * The live run's own point on the family scatter (pure; unit-tested): its embedding-gradient
 * ratio at the start, the paper's raw statistic on each run's first step (gradients at the
 * starting weights, before any update), averaged over the seeds and methods that have one (a
 * frozen embedding has none); and AdamW - SGD OOD pooled over its seeds (paired by seed, 90%
 * interval when n >= 2), in points. Nothing until AdamW and SGD have finished on some seed and
 * neither is still running.
 */
import type { Pooled } from '../../seeds/pooled';
import type { SeedRuns } from '../../store/seed-runs';
import type { YourRun } from './family-points';
import { gradRatio, type LayerInfo } from './series';

/** Mean over runs of the raw first / largest-middle ratio at each run's first step; null if none has one. */
export function startRatio(runs: SeedRuns, info: LayerInfo): number | null {
  const ratios: number[] = [];
  for (const byMethod of Object.values(runs)) {
    for (const m of Object.values(byMethod)) {
      const first = m.steps[0];
      const r = first ? gradRatio(first, info, 'paper', 'norm') : null;
      if (r !== null && Number.isFinite(r)) ratios.push(r);
    }
  }
  return ratios.length ? ratios.reduce((a, b) => a + b, 0) / ratios.length : null;
}

export function yourRun(runs: SeedRuns, pooled: Pooled, info: LayerInfo): YourRun | null {
  const pair = pooled.pairs.find((p) => p.a === 'adamw' && p.b === 'sgd');
  if (!pair || pair.ood.n < 1) return null;
  if (pooled.methods.some((m) => (m.methodId === 'adamw' || m.methodId === 'sgd') && m.running > 0))
    return null;
  const ratio = startRatio(runs, info);
  if (ratio === null) return null;
  const gap = pair.ood.mean * 100;
  const half = pair.ood.half === null ? null : pair.ood.half * 100;
  return {
    ratio,
    gap,
    lo: half === null ? null : gap - half,
    hi: half === null ? null : gap + half,
    n: pair.ood.n,
  };
}
