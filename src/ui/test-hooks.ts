/**
 * The e2e tests' handle on the app: `?test` puts the training client and the stores on
 * `window.__ftp`. Compiled in only when VITE_TEST_HOOKS=1 at build time (the e2e and bench
 * builds, src/cli/build-site.ts) or on the dev server; the deployed build has no trace of it
 * (tests/e2e/deploy.test.ts greps dist/ for it).
 */
import type { TrainingClient } from './worker-client/training-client';
import type { WorkerPool } from './pool/worker-pool';
import { useStore } from './store/store';

declare global {
  interface ImportMetaEnv {
    /** '1' in builds made for tests and benchmarks. */
    readonly VITE_TEST_HOOKS?: string;
  }
}

/** Statically false in a production build without the flag, so the bundler drops the hook. */
export const TEST_HOOKS_BUILT = import.meta.env.DEV || import.meta.env.VITE_TEST_HOOKS === '1';

/**
 * Called in the same task that sends init, so no reply can come before the recorder: every
 * client event is in `window.__events` (and its arrival time, performance.now(), at the same
 * index of `__eventTimes`). A recorder attached later by the test (as it once was) missed a
 * 'ready' that beat the test's round trips on a loaded machine, and the test waited 240 s.
 */
export function exposeTestHooks(client: TrainingClient, pool: WorkerPool): void {
  const events: unknown[] = [];
  const times: number[] = [];
  client.on((e) => {
    events.push(e);
    times.push(performance.now());
  });
  // One store of slices; the three names are kept for the tests written against them.
  Object.assign(window, {
    __ftp: {
      client,
      pool,
      store: useStore,
      session: useStore,
      config: useStore,
      history: useStore,
    },
    __events: events,
    __eventTimes: times,
  });
}
