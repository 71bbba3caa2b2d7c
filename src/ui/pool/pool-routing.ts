/**
 * Where a pool worker's event goes: to the job it runs (tagged with the job's seed for the
 * page's histories, session-slice `apply`), or, outside a job, on to the page untagged when it is
 * worker 0's (the page's own requests). A job's own load and end are the pool's to report.
 */
import type { ClientEvent } from '../worker-client/training-client';
import type { SeedTag } from '../store/session-slice';
import type { Job } from './plan-jobs';
import type { PoolTracker } from './pool-tracker';

export type PoolListener = (e: ClientEvent, tag?: SeedTag) => void;

/** The job a worker runs now (or worker 0's silent reload of the first seed, hold-primary.ts). */
export interface Active {
  job: Job;
  tag: SeedTag;
  tracker: PoolTracker;
  /** Hears the worker's events while the job waits for its run's end. */
  hear: (e: ClientEvent) => void;
  /** Shows the pool's progress (now: a run changed state; else at most a few times a second). */
  publish: (now: boolean) => void;
}

/** Events of a job's run that the page folds into that seed's histories or status. */
const RUN_EVENTS: ReadonlySet<string> = new Set([
  'metrics',
  'eval',
  'memory',
  'method-done',
  'error',
  'paused',
  'resumed',
  'preparing-kernels',
  'crashed',
]);
/** A job's own load and end: the pool reports those itself. */
const JOB_EVENTS: ReadonlySet<string> = new Set(['load-progress', 'loaded', 'ready', 'run-done']);

/** Routes worker `w`'s event `e`, given the job it runs (`a`, or null), to `emit`. */
export function routeEvent(w: number, e: ClientEvent, a: Active | null, emit: PoolListener): void {
  if (!a) {
    if (w === 0) emit(e); // the page's own requests, between pool runs
    return;
  }
  a.hear(e);
  const changed = a.tracker.event(w, a.job, e);
  if (RUN_EVENTS.has(e.type)) {
    emit(e, a.tag);
    a.publish(changed);
  } else if (!JOB_EVENTS.has(e.type) && w === 0) emit(e); // a sample grid or export answer
}
