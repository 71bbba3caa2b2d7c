/**
 * Learning-rate schedules, as a pure function of the 0-based step.
 * cosine matches torch's CosineAnnealingLR(T_max = totalSteps, eta_min = 0) stepped once per
 * optimizer step: lr_t = base (1 + cos(pi t / T)) / 2, so step 0 uses the base rate.
 */
export type Schedule =
  | { kind: 'constant' }
  | { kind: 'cosine' }
  /** Linear warm-up from base/warmupSteps to base over warmupSteps, then cosine to 0. */
  | { kind: 'warmup-cosine'; warmupSteps: number };

export function lrAt(schedule: Schedule, base: number, step: number, totalSteps: number): number {
  switch (schedule.kind) {
    case 'constant':
      return base;
    case 'cosine':
      return cosine(base, step, totalSteps);
    case 'warmup-cosine': {
      const w = Math.max(0, Math.floor(schedule.warmupSteps));
      if (step < w) return (base * (step + 1)) / w;
      return cosine(base, step - w, Math.max(1, totalSteps - w));
    }
  }
}

function cosine(base: number, step: number, total: number): number {
  const t = Math.min(step, total);
  return (base * (1 + Math.cos((Math.PI * t) / Math.max(1, total)))) / 2;
}
