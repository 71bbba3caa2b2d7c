/**
 * Choose a model, a benchmark and the methods (ChoosePanel, all in the URL), then train: one
 * button loads what is needed and runs the ticked methods side by side (one step of each in turn) from the same
 * weights and seed; another runs the paper's comparison. Then watch the live table and charts.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import type { BackendName } from '../../protocol/messages';
import type { TrainingClient } from '../../worker/client';
import { runLengthProblem, trainImagesFor } from '../settings/run-length';
import { modelSource, runSpec } from '../settings/to-commands';
import { paramCountText } from '../param-count';
import { SharePanel } from '../settings/share-panel';
import { OwnDataWarningNote } from './choose/own-data-warning-note';
import { presetConflicts } from '../store/config-slice';
import { useStore } from '../store/store';
import type { MethodHistory } from '../store/session-slice';
import { planReuse, reuseKey } from './run-reuse';
import { ExportPanel } from '../export/export-panel';
import { ErrorBoundary } from '../error-boundary';
import { BackendLine } from './backend-line';
import { CHARTS_ON_BY_DEFAULT } from './charts/defaults';
import { ResultsTable } from './insight/results-table';
import { ChoosePanel } from './choose/choose-panel';
import { SampleGrid } from './choose/sample-grid';
import { loadRequest } from './load-request';
import { MethodTable } from './method-table';
import { PreparingKernels } from './preparing-kernels';
import type { PretrainedEntry } from './use-pretrained';

// The charts (recharts) are the page's largest chunk: fetched once the user starts loading a
// model (not with the page, so the first screen stays light), and mounted empty then, so
// recharts' cold first mount (250-1250 ms of main thread on a busy 2-core machine) overlaps the
// worker's loading instead of a streaming run.
const ChartsPanel = lazy(() => import('./charts/charts-panel').then((m) => ({ default: m.ChartsPanel })));

export function TrainPanel({ client, pretrained }: { client: TrainingClient; pretrained: readonly PretrainedEntry[] }) {
  // Only the run status here: what changes per step batch (progress) lives in StatusLine, so a
  // batch of metrics does not re-render the whole form and the sample grid.
  const status = useStore((s) => s.status);
  const noMethods = useStore((s) => s.config.methods.length === 0);
  // What the worker holds now: a Train with the same weights and data does not load again.
  const loadedKey = useRef<string | null>(null);
  // The last run's settings, for reusing its finished methods (run-reuse.ts).
  const lastRunKey = useRef<string | null>(null);
  // On by default: the charts follow the store once a second and stagger their renders
  // (charts/defaults.ts; measured in tests/e2e/charts.test.ts). The box is for a slow machine.
  const [charts, setCharts] = useState(CHARTS_ON_BY_DEFAULT);
  const hasRuns = useStore((s) => Object.keys(s.methods).length > 0 || s.status !== 'idle');
  const own = useStore((s) => s.own.active);
  // A panel that failed to draw a run tries again when another run is shown.
  const viewing = useStore((s) => s.viewing);
  // Why Load or Train did nothing (own images chosen but none imported).
  const [problem, setProblem] = useState<string | null>(null);

  const load = async (): Promise<boolean> => {
    const c = useStore.getState().config;
    const req = loadRequest(c, useStore.getState().own);
    if (!req.ok) {
      setProblem(req.reason);
      return false;
    }
    setProblem(null);
    const key = req.key;
    useStore.getState().setStatus('loading');
    // Its error (if any) also reaches the session store, which shows it.
    const load = client.request({ type: 'load', model: modelSource(c), data: req.data }, { timeoutMs: 10 * 60_000 });
    const loaded = await load.then(
      () => true,
      () => false,
    );
    loadedKey.current = loaded ? key : null;
    return loaded;
  };
  const train = async (): Promise<void> => {
    const c = useStore.getState().config;
    if (!c.methods.length) return;
    const tooLong = runLengthProblem(c, trainImagesFor(c, useStore.getState().own));
    if (tooLong) return setProblem(tooLong);
    setProblem(null);
    const req = loadRequest(c, useStore.getState().own);
    if (!req.ok || loadedKey.current !== req.key || !useStore.getState().loaded || useStore.getState().viewing) {
      if (!(await load())) return;
    }
    // Methods that already finished with exactly these settings are kept, not trained again
    // (not while a saved run is on show: its histories are not this page's runs).
    const key = req.ok ? reuseKey(c, req.key) : '';
    const s = useStore.getState();
    const plan = planReuse(c.methods, key, lastRunKey.current !== null && !s.viewing ? { key: lastRunKey.current, methods: s.methods } : null);
    const kept: Record<string, MethodHistory> = Object.fromEntries(plan.keep.map((id) => [id, s.methods[id] as MethodHistory]));
    s.clearRuns();
    useStore.setState({ methods: kept });
    lastRunKey.current = key;
    if (!plan.train.length) {
      useStore.getState().setStatus('finished'); // everything asked for is already on screen
      return;
    }
    useStore.getState().begin(c, useStore.getState().hash());
    useStore.getState().setStatus('running');
    const spec = runSpec(c);
    client.send({ type: 'start', run: { ...spec, methods: spec.methods.filter((m) => plan.train.includes(m.id)) } });
  };
  const paper = (): void => {
    useStore.getState().paperComparison();
    void train();
  };
  // A link that hides the method list fixes the methods: the comparison button is not offered.
  const paperHidden = useStore((s) => presetConflicts('paperComparison', s.config, s.hidden).length > 0);
  const running = status === 'running' || status === 'paused';
  const busy = running || status === 'loading';
  return (
    <section aria-labelledby="train-h">
      <h2 id="train-h">Choose and fine-tune</h2>
      <BackendLine />
      <ChoosePanel client={client} pretrained={pretrained} disabled={busy} />
      {!own && <SampleGrid client={client} />}
      <div className="controls" role="group" aria-label="Run" data-testid="run-controls">
        <button type="button" onClick={() => void load()} disabled={busy}>
          Load
        </button>
        <button type="button" className="primary" onClick={() => void train()} disabled={busy || noMethods} data-testid="train">
          Train
        </button>
        {!paperHidden && (
          <button type="button" onClick={paper} disabled={busy} data-testid="paper">
            Run the paper's comparison
          </button>
        )}
        <button type="button" onClick={() => client.send({ type: status === 'paused' ? 'resume' : 'pause' })} disabled={!running}>
          {status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={() => client.send({ type: 'stop' })} disabled={!running}>
          Stop
        </button>
      </div>
      <OwnDataWarningNote testId="own-data-warning-train" />
      {noMethods && <p className="note">Tick at least one method to train.</p>}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <StatusLine />
      <Problems client={client} />
      <ErrorBoundary name="the methods table" resetKey={viewing}>
        <MethodTable />
      </ErrorBoundary>
      <ErrorBoundary name="the exports" resetKey={viewing}>
        <ExportPanel client={client} />
      </ErrorBoundary>
      <SharePanel />
      <label>
        <input type="checkbox" checked={charts} onChange={(e) => setCharts(e.target.checked)} /> show live charts
      </label>
      {charts && hasRuns && (
        <ErrorBoundary name="the charts" resetKey={viewing}>
          <Suspense fallback={<p>Loading charts…</p>}>
            <ChartsPanel />
          </Suspense>
        </ErrorBoundary>
      )}
      <div data-section="results">
        <ErrorBoundary name="the results table" resetKey={viewing}>
          <ResultsTable />
        </ErrorBoundary>
      </div>
    </section>
  );
}

function StatusLine() {
  const status = useStore((s) => s.status);
  const loadMessage = useStore((s) => s.loadMessage);
  const loaded = useStore((s) => s.loaded);
  const progress = useStore((s) => s.progress);
  const viewing = useStore((s) => s.viewing);
  const running = status === 'running' || status === 'paused';
  return (
    <p role="status" aria-live="polite" data-testid="status">
      {status}
      {loadMessage && ` (${loadMessage})`}
      {loaded && ` · ${loaded.family}, ${paramCountText(loaded, loaded.numClasses)}, ${loaded.sizes.train} training images`}
      <PreparingKernels />
      {progress && running && ` · step ${progress.step}/${progress.totalSteps}${progress.methods > 1 ? ` (${progress.methods} methods side by side)` : ''}, about ${Math.ceil(progress.etaMs / 1000)} s left`}
      {viewing && ` · showing the saved run ${viewing}`}
    </p>
  );
}

/** A crashed worker, or an error (with the backends a lost device's run can continue on). */
function Problems({ client }: { client: TrainingClient }) {
  const error = useStore((s) => s.error);
  const crash = useStore((s) => s.crash);
  return (
    <>
      {crash && (
        <p role="alert" className="error">
          The training worker crashed ({crash}); it was restarted and your results so far are kept.
        </p>
      )}
      {error && (
        <div role="alert" className="error" data-testid="error">
          <p>
            <strong>{error.kind}</strong>: {error.error.message}
          </p>
          {error.recoverable &&
            (error.alternatives ?? []).map((b: BackendName) => (
              <button key={b} type="button" onClick={() => void client.request({ type: 'continue', backend: b }).catch(() => undefined)}>
                Continue on {b}
                {error.snapshotStep !== undefined ? ` from step ${error.snapshotStep}` : ''}
              </button>
            ))}
        </div>
      )}
    </>
  );
}
