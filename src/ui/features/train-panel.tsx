/**
 * The lesson, top to bottom (#22): where it trains, one Run button (it loads what is needed and
 * runs the ticked methods side by side, one step of each in turn, from the same weights and
 * seed, with the settings in force), the results directly under it, the sample images, the
 * settings folded (ChoosePanel, all in the URL), then the charts and the exports.
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { PoolGrid } from '../pool/pool-grid';
import { poolEtaMs } from '../pool/pool-tracker';
import { paramCountText } from '../param-count';
import { SharePanel } from '../settings/share-panel';
import { OwnDataWarningNote } from './choose/own-data-warning-note';
import { useStore } from '../store/store';
import { ExportPanel } from '../export/export-panel';
import { ErrorBoundary } from '../error-boundary';
import { BackendLine } from './backend-line';
import { AlertList } from './faults/alert-list';
import { CHARTS_ON_BY_DEFAULT } from './charts/defaults';
import { FrameTurnsProvider } from './charts/frame-turns';
import { Premount } from './charts/premount';
import { ResultsTable } from './insight/results-table';
import { ShareResult } from './seeds/share-result';
import { ChoosePanel } from './choose/choose-panel';
import { SampleGrid } from './choose/sample-grid';
import { MethodTable } from './method-table';
import { PreparingKernels } from './preparing-kernels';
import { SettingsFold } from './settings-fold';
import type { PretrainedEntry } from './use-pretrained';

// The charts (recharts) are the page's largest chunk: not in the page's first load (the first
// screen stays light). When the page is first idle the chunk is fetched and the panel mounted,
// hidden and empty, one figure per frame (charts/premount.tsx, charts/use-mount-in-turn.ts): the
// chunk's evaluation (~50 ms) and recharts' cold first mounts (70-160 ms of main thread each on
// a busy 2-core machine) come before a Run, not while the worker pool trains (issue #25 item 4).
const ChartsPanel = lazy(() =>
  import('./charts/charts-panel').then((m) => ({ default: m.ChartsPanel })),
);

/** One Run: it runs what is in force (the preset, a link's values, the ticked methods) and changes no setting (#22); Pause/Resume and Stop. */
function RunControls({ noMethods }: { noMethods: boolean }) {
  const status = useStore((s) => s.status);
  const runLesson = useStore((s) => s.runLesson);
  const pauseOrResume = useStore((s) => s.pauseOrResume);
  const stopRun = useStore((s) => s.stopRun);
  const running = status === 'running' || status === 'paused';
  const busy = running || status === 'loading';
  return (
    <div className="controls" role="group" aria-label="Run" data-testid="run-controls">
      <button
        type="button"
        className="primary"
        onClick={() => void runLesson()}
        disabled={busy || noMethods}
        data-testid="train"
      >
        Run
      </button>
      <button type="button" onClick={pauseOrResume} disabled={!running}>
        {status === 'paused' ? 'Resume' : 'Pause'}
      </button>
      <button type="button" onClick={stopRun} disabled={!running}>
        Stop
      </button>
    </div>
  );
}

/** The "show live charts" box and, once there are runs, the charts (lazy: see ChartsPanel above). */
function LiveCharts({ hasRuns, viewing }: { hasRuns: boolean; viewing: string | null }) {
  // On by default: the charts follow the store once a second and stagger their renders
  // (charts/defaults.ts; measured in tests/e2e/charts.test.ts). The box is for a slow machine.
  const [charts, setCharts] = useState(CHARTS_ON_BY_DEFAULT);
  return (
    <>
      <label>
        <input type="checkbox" checked={charts} onChange={(e) => setCharts(e.target.checked)} />{' '}
        show live charts
      </label>
      {charts && (
        // Mounted hidden once the page is idle, shown at the Run (charts/premount.tsx): the
        // charts' cold mounts come before the pool trains, not while it does.
        <Premount shown={hasRuns}>
          <ErrorBoundary name="the charts" resetKey={viewing}>
            <Suspense fallback={hasRuns ? <p>Loading charts…</p> : null}>
              <ChartsPanel />
            </Suspense>
          </ErrorBoundary>
        </Premount>
      )}
    </>
  );
}

/** The results, pooled over the seeds, directly under the run: what a class reads first (#22). */
function ResultsSection({ hasRuns, viewing }: { hasRuns: boolean; viewing: string | null }) {
  return (
    <div data-section="results">
      <ErrorBoundary name="the results table" resetKey={viewing}>
        {!hasRuns && (
          <p className="note" data-testid="results-placeholder">
            The results table appears here as each method finishes: accuracy out of distribution
            (OOD), with in-distribution (ID) in brackets.
          </p>
        )}
        <ResultsTable />
        {hasRuns && <ShareResult />}
      </ErrorBoundary>
    </div>
  );
}

/** `guide`: the classroom guide, placed under the results (it pins itself at the top of the window while a class follows it). */
export function TrainPanel({
  pretrained,
  guide,
}: {
  pretrained: readonly PretrainedEntry[];
  guide?: ReactNode;
}) {
  // Only the run status here: what changes per step batch (progress) lives in StatusLine, so a
  // batch of metrics does not re-render the whole form and the sample grid.
  const status = useStore((s) => s.status);
  const noMethods = useStore((s) => s.config.methods.length === 0);
  const hasRuns = useStore((s) => Object.keys(s.methods).length > 0 || s.status !== 'idle');
  const own = useStore((s) => s.own.active);
  // A panel that failed to draw a run tries again when another run is shown.
  const viewing = useStore((s) => s.viewing);
  // Why Load or Run did nothing (own images chosen but none imported); the run sequence is the store's (run-slice.ts).
  const problem = useStore((s) => s.runProblem);
  const loadModel = useStore((s) => s.loadModel);
  const busy = status === 'running' || status === 'paused' || status === 'loading';
  return (
    // One chart update per frame across the page (charts/frame-turns.tsx): the charts panel's and the seed dot plots'.
    <FrameTurnsProvider>
      <section aria-labelledby="train-h">
        {/* Named for screen readers; on screen the sentence above and the Run button say it (the first screen is short, #22). */}
        <h2 id="train-h" className="visually-hidden">
          Run the lesson
        </h2>
        <BackendLine />
        <RunControls noMethods={noMethods} />
        <OwnDataWarningNote testId="own-data-warning-train" />
        {noMethods && <p className="note">Tick at least one method to train (Settings, below).</p>}
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <StatusLine />
        <PoolGrid />
        <AlertList />
        {/* The results, pooled over the seeds, directly under the run: what a class reads first (#22). */}
        <ResultsSection hasRuns={hasRuns} viewing={viewing} />
        {guide}
        <ErrorBoundary name="the methods table" resetKey={viewing}>
          <MethodTable />
        </ErrorBoundary>
        {!own && <SampleGrid />}
        <SettingsFold>
          <ChoosePanel pretrained={pretrained} disabled={busy} />
          <div className="controls">
            <button type="button" onClick={() => void loadModel()} disabled={busy}>
              Load the model and data without training
            </button>
          </div>
        </SettingsFold>
        <LiveCharts hasRuns={hasRuns} viewing={viewing} />
        <ErrorBoundary name="the exports" resetKey={viewing}>
          <ExportPanel />
        </ErrorBoundary>
        <SharePanel />
      </section>
    </FrameTurnsProvider>
  );
}

function StatusLine() {
  const status = useStore((s) => s.status);
  const loadMessage = useStore((s) => s.loadMessage);
  const loaded = useStore((s) => s.loaded);
  const progress = useStore((s) => s.progress);
  const viewing = useStore((s) => s.viewing);
  const pool = useStore((s) => s.pool);
  const running = status === 'running' || status === 'paused';
  const poolEta = pool && running && !pool.over ? poolEtaMs(pool) : null;
  return (
    <p role="status" aria-live="polite" data-testid="status">
      {status}
      {loadMessage && ` (${loadMessage})`}
      {loaded &&
        ` · ${loaded.family}, ${paramCountText(loaded, loaded.numClasses)}, ${loaded.sizes.train} training images`}
      <PreparingKernels />
      {pool &&
        running &&
        ` · ${pool.size} worker${pool.size === 1 ? '' : 's'}${poolEta !== null ? `, about ${Math.ceil(poolEta / 1000)} s left` : ''}`}
      {!pool &&
        progress &&
        running &&
        ` · step ${progress.step}/${progress.totalSteps}${progress.methods > 1 ? ` (${progress.methods} methods side by side)` : ''}, about ${Math.ceil(progress.etaMs / 1000)} s left`}
      {viewing && ` · showing the saved run ${viewing}`}
    </p>
  );
}
