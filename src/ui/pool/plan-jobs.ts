/**
 * The worker pool's plan, pure: every (seed, method) run of a comparison is a unit; the units,
 * seed-major, are cut into N contiguous slices of near-equal length (the first `units % N`
 * slices one longer), one per worker; a worker's slice is grouped by seed into jobs, and a job
 * is one load of its seed and one lockstep run of its methods. Contiguous slices keep a
 * worker's jobs few (a load each) and the first seed's methods on the first workers.
 */

/** One independent run: a method trained on one seed's data, weights and batches. */
export interface Unit {
  seed: number;
  methodId: string;
}

/** What one worker does in one go: load `seed`, then train `methods` side by side. */
export interface Job {
  seed: number;
  methods: string[];
}

/** The units, seed-major: every method of the first seed, then of the next. */
export function planUnits(seeds: readonly number[], methods: readonly string[]): Unit[] {
  return seeds.flatMap((seed) => methods.map((methodId) => ({ seed, methodId })));
}

/** `items` in `n` contiguous slices whose lengths differ by at most one (no empty slice when n <= length). */
export function splitSlices<T>(items: readonly T[], n: number): T[][] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`a pool needs at least one worker, not ${n}`);
  const base = Math.floor(items.length / n);
  const extra = items.length % n;
  const out: T[][] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const len = base + (i < extra ? 1 : 0);
    out.push(items.slice(at, at + len));
    at += len;
  }
  return out;
}

/** A slice's units grouped into jobs: consecutive units of one seed make one job. */
export function jobsOf(slice: readonly Unit[]): Job[] {
  const jobs: Job[] = [];
  for (const u of slice) {
    const last = jobs.at(-1);
    if (last && last.seed === u.seed) last.methods.push(u.methodId);
    else jobs.push({ seed: u.seed, methods: [u.methodId] });
  }
  return jobs;
}

/** Per worker, its jobs in order (workers beyond the units get none). */
export function planJobs(units: readonly Unit[], workers: number): Job[][] {
  return splitSlices(units, workers).map(jobsOf);
}
