/**
 * After a pool run, worker 0 loads the first seed again if its last job was another: exports
 * describe the first seed's record and the worker exports only data it holds
 * (worker/load-identity.ts). Silent (a job-like entry keeps its events from the page); a new
 * run simply takes the worker over.
 */
import type { TrainingClient } from '../worker-client/training-client';
import type { HeldLoads } from './held-loads';
import type { Active } from './pool-routing';
import type { PoolTracker } from './pool-tracker';
import type { JobSource } from './run-job';

/** `active` is the pool's own per-worker slots: worker 0's is taken while the load goes on. */
export async function holdPrimary(
  client: TrainingClient | undefined,
  active: (Active | null)[],
  held: HeldLoads,
  stopped: boolean,
  src: JobSource,
  tracker: PoolTracker,
): Promise<void> {
  const l = src.load(src.primarySeed);
  if (!client || stopped || active[0] || held.key(0) === l.key) return;
  const entry: Active = {
    job: { seed: src.primarySeed, methods: [] },
    tag: { seed: src.primarySeed, primary: true },
    tracker,
    hear: () => undefined,
    publish: () => undefined,
  };
  active[0] = entry;
  try {
    await client.request(
      { type: 'load', model: l.model, data: l.data },
      { timeoutMs: 10 * 60_000 },
    );
    if (active[0] === entry) held.set(0, l.key);
  } catch {
    if (active[0] === entry) held.set(0, null);
  } finally {
    if (active[0] === entry) active[0] = null;
  }
}
