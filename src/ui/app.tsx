/**
 * The playground: choose (all in the URL hash), fine-tune in the worker, watch, keep (run
 * history in IndexedDB) and share (links, exports); the three micro models and what each
 * optimizer costs in memory from the engine's own accounting.
 * URL: ?backend=webgpu|webgl|cpu forces a backend; ?test exposes the stores to e2e tests (in
 * test builds only: test-hooks.ts).
 */
import { useEffect, useMemo } from 'react';
import { FAMILY_LABEL, type Family } from '../core/spec/model-config';
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
import { methodMemory, modelFacts } from './model-facts';
import { bodyParams, embedShare, fmt } from './param-count';
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
    const backend = BACKEND_ORDER.includes(forced as BackendName) ? (forced as BackendName) : undefined;
    const { client, pool } = useStore.getState().startWorkers(spawnTrainingWorker, () => document.baseURI, backend);
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
  const facts = useMemo(modelFacts, []);
  const family = useFamily(pretrained);
  const memory = useMemo(() => methodMemory(family), [family]);
  const max = Math.max(...memory.map((m) => m.bytes));
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
        Press Run to fine-tune a pretrained vision model four ways, then read below how each does on images like its training ones (ID) and on
        shifted ones (OOD), as in Kumar et al., <em>How to Fine-Tune Vision Models with SGD</em> (ICLR 2024).
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
      <section aria-labelledby="models-h">
        <h2 id="models-h">Models</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">model</th>
              <th scope="col">parameters before the head</th>
              <th scope="col">head, per class</th>
              <th scope="col">embedding layer (frozen by freeze-embed)</th>
              <th scope="col">its share</th>
            </tr>
          </thead>
          <tbody>
            {facts.map((f) => (
              <tr key={f.family} aria-current={f.family === family || undefined}>
                <th scope="row">{FAMILY_LABEL[f.family]}</th>
                <td>{fmt(bodyParams(f))}</td>
                <td>{fmt(f.headParams / f.numClasses)}</td>
                <td>{f.embedLayers.join(', ')}</td>
                <td>{embedShare(f).toFixed(1)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      </ErrorBoundary>
      <ErrorBoundary name="the memory table">
      <section aria-labelledby="mem-h">
        <h2 id="mem-h">Training memory of the {FAMILY_LABEL[family]}, per method</h2>
        <p>Weights, gradients and optimizer state in float32: SGD keeps 8 bytes per parameter, SGD with momentum 12, AdamW 16; a frozen parameter keeps only its 4 bytes of weights.</p>
        <table>
          <thead>
            <tr>
              <th scope="col">method</th>
              <th scope="col">bytes</th>
              <th scope="col">bytes / parameter</th>
              <th scope="col" aria-hidden="true"></th>
            </tr>
          </thead>
          <tbody>
            {memory.map((m) => (
              <tr key={m.method}>
                <td>{m.method}</td>
                <td>{fmt(m.bytes)}</td>
                <td>{m.bytesPerParam.toFixed(2)}</td>
                <td aria-hidden="true">
                  <span className="bar" style={{ width: `${(100 * m.bytes) / max}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      </ErrorBoundary>
    </main>
  );
}
