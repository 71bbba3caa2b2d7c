/**
 * Each (seed, method) run of a worker pool, folded from its workers' events: step / total,
 * done, diverged or failed, and each worker's pace, for the page's grid and ETA. Pure state
 * (no DOM, no workers): the pool feeds it events with the worker and job they came from.
 */
import type { ClientEvent } from '../worker-client/training-client';
import type { CellState, PoolCell, PoolView } from '../store/pool-slice';
import type { Job } from './plan-jobs';

const TERMINAL: ReadonlySet<CellState> = new Set(['done', 'stopped', 'diverged', 'failed']);
const key = (seed: number, methodId: string): string => `${seed}:${methodId}`;

/** Per worker: when its first step of the pool came, and how many method steps since. */
interface Pace {
  since: number;
  steps: number;
}

export class PoolTracker {
  private readonly cells = new Map<string, PoolCell>();
  private readonly pace: (Pace | null)[];
  /** Steps per method, once a worker has said (every job of a comparison has the same). */
  private total = 0;
  /** Steps per run by method (the same for every seed): a queued run's total before it starts. */
  private readonly totals = new Map<string, number>();

  constructor(
    readonly plan: readonly (readonly Job[])[],
    private readonly note: string | null,
    private readonly now: () => number = () => performance.now(),
  ) {
    plan.forEach((jobs, worker) => {
      for (const job of jobs)
        for (const methodId of job.methods)
          this.cells.set(key(job.seed, methodId), {
            seed: job.seed,
            methodId,
            worker,
            step: 0,
            total: 0,
            state: 'queued',
          });
    });
    this.pace = plan.map(() => null);
  }

  /** The job's runs are loading (then running, once started). */
  jobState(job: Job, state: 'loading' | 'running'): void {
    for (const m of job.methods) this.update(job.seed, m, { state });
  }

  /** A job ended: its runs that did not say how they ended are `orElse` (failed, or stopped by the user). */
  jobEnded(job: Job, orElse: 'failed' | 'stopped'): void {
    for (const m of job.methods) {
      const c = this.cells.get(key(job.seed, m));
      if (c && !TERMINAL.has(c.state)) this.update(job.seed, m, { state: orElse });
    }
  }

  /** An event from `worker` while it runs `job`; true when a run changed state (worth showing now). */
  event(worker: number, job: Job, e: ClientEvent): boolean {
    switch (e.type) {
      case 'metrics': {
        const p = (this.pace[worker] ??= { since: this.now(), steps: 0 });
        p.steps += e.steps.length;
        this.total ||= e.progress.totalSteps;
        // Each run's own total: LP-FT's head-only epochs make its run longer than the others'.
        for (const { methodId, event } of e.steps) {
          this.totals.set(methodId, event.totalSteps);
          this.update(job.seed, methodId, {
            step: event.step,
            total: event.totalSteps,
            state: 'running',
          });
        }
        return false;
      }
      case 'method-done':
        this.update(job.seed, e.methodId, {
          state: e.event.status === 'finished' ? 'done' : 'stopped',
          step: e.event.steps,
        });
        return true;
      case 'error':
        if (!e.methodId) return false;
        this.update(job.seed, e.methodId, { state: e.kind === 'diverged' ? 'diverged' : 'failed' });
        return true;
      default:
        return false;
    }
  }

  /** Every run ended, and none of them trained to the end: the pool failed. */
  allFailed(): boolean {
    return [...this.cells.values()].every((c) => c.state === 'failed' || c.state === 'diverged');
  }

  view(size: number, over: boolean): PoolView {
    const t = this.now();
    const msPerStep = this.pace.map((p) => (p && p.steps > 0 ? (t - p.since) / p.steps : null));
    const cells = [...this.cells.values()].map((c) => ({
      ...c,
      total: c.total || this.totals.get(c.methodId) || this.total,
    }));
    return { size, note: this.note, cells, msPerStep, over };
  }

  private update(seed: number, methodId: string, patch: Partial<PoolCell>): void {
    const c = this.cells.get(key(seed, methodId));
    if (c) this.cells.set(key(seed, methodId), { ...c, ...patch });
  }
}

/**
 * Milliseconds until the pool ends: each worker's steps left on its live and queued runs at its
 * own measured pace; the pool ends with its slowest worker. Null until every worker with runs
 * left has a pace. (A method's steps in lockstep share a worker, so its pace is per method step.)
 */
export function poolEtaMs(view: PoolView): number | null {
  let eta = 0;
  for (let w = 0; w < view.msPerStep.length; w++) {
    const left = view.cells
      .filter((c) => c.worker === w && !TERMINAL.has(c.state))
      .reduce((a, c) => a + Math.max(0, c.total - c.step), 0);
    if (left === 0) continue;
    const pace = view.msPerStep[w];
    if (pace === null || pace === undefined) return null;
    eta = Math.max(eta, left * pace);
  }
  return eta;
}
