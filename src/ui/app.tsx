/**
 * The playground: choose (all in the URL hash), fine-tune in the worker, watch, keep (run
 * history in IndexedDB) and share (links, exports); the three micro models and what each
 * optimizer costs in memory from the engine's own accounting.
 * URL: ?backend=webgpu|webgl|cpu forces a backend; ?test exposes the stores to e2e tests (in
 * test builds only: test-hooks.ts).
 */
import { useEffect } from 'react';
import type { Family } from '../spec/model-config';
import { BACKEND_ORDER, type BackendName } from '../protocol/messages';
import { spawnTrainingWorker } from './worker-client/training-client';
import { ErrorBoundary } from './error-boundary';
import { GuidedPanel } from './features/guided-panel';
import { ClassPoolPanel } from './features/seeds/class-pool-panel';
import { AblationTable } from './features/reference/ablation-table';
import { TrainPanel } from './features/train-panel';
import { usePretrained, type PretrainedEntry } from './features/use-pretrained';
import { SavedRunsPanel } from './saved-runs/saved-runs-panel';
import { MemoryRunDb } from './saved-runs/memory-run-db';
import { openIdbRunDb } from './saved-runs/idb-run-db';
import { MemoryTable, ModelsTable } from './model-tables';
import { UpdateNotice } from './pwa/update-notice';
import { ThemeToggle } from './settings/theme-toggle';
import { useHashSync } from './settings/use-hash-sync';
import { useStore } from './store/store';
import { exposeTestHooks, TEST_HOOKS_BUILT } from './test-hooks';

/** Starts the page's training workers (the store's run slice owns them); `?backend=` forces a backend. */
function useTrainingWorkers(): void {
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const forced = params.get('backend');
    const backend = BACKEND_ORDER.includes(forced as BackendName)
      ? (forced as BackendName)
      : undefined;
    const { client, pool } = useStore
      .getState()
      .startWorkers(spawnTrainingWorker, () => document.baseURI, backend);
    if (TEST_HOOKS_BUILT && params.has('test')) exposeTestHooks(client, pool);
  }, []);
}

function useSavedRuns(): void {
  useEffect(() => {
    // Without IndexedDB (some private windows) the history lives as long as the page.
    openIdbRunDb()
      .catch(() => new MemoryRunDb())
      .then((db) => useStore.getState().attach(db));
  }, []);
}

/** The chosen model's family: from the checkpoint's manifest entry, or the random-init choice. */
function useFamily(pretrained: readonly PretrainedEntry[]): Family {
  const weights = useStore((s) => s.config.weights);
  const arch = useStore((s) => s.config.arch);
  const entry = pretrained.find((p) => p.name === weights);
  return (weights === 'random' ? arch : (entry?.family ?? 'vit')) as Family;
}

export function App() {
  useHashSync();
  useSavedRuns();
  useTrainingWorkers();
  const pretrained = usePretrained();
  const family = useFamily(pretrained);
  return (
    <main>
      <header className="header">
        <h1>Fine-Tune Playground</h1>
        <ErrorBoundary name="the theme toggle">
          <ThemeToggle />
        </ErrorBoundary>
      </header>
      <ErrorBoundary name="the update notice">
        <UpdateNotice />
      </ErrorBoundary>
      <p className="lede">
        Press Run to fine-tune a pretrained vision model four ways, then read below how each does on
        images like its training ones (ID) and on shifted ones (OOD), as in Kumar et al.,{' '}
        <em>How to Fine-Tune Vision Models with SGD</em> (ICLR 2024).
      </p>
      <ErrorBoundary name="the training panel">
        <TrainPanel
          pretrained={pretrained}
          guide={
            <ErrorBoundary name="the guided lesson">
              <GuidedPanel />
            </ErrorBoundary>
          }
        />
      </ErrorBoundary>
      <ErrorBoundary name="the run history">
        <SavedRunsPanel />
      </ErrorBoundary>
      <ErrorBoundary name="the class pool">
        <ClassPoolPanel />
      </ErrorBoundary>
      <ErrorBoundary name="the ablation table">
        <AblationTable />
      </ErrorBoundary>
      <ErrorBoundary name="the models table">
        <ModelsTable family={family} />
      </ErrorBoundary>
      <ErrorBoundary name="the memory table">
        <MemoryTable family={family} />
      </ErrorBoundary>
    </main>
  );
}
