/**
 * Load a model and a benchmark, run one method or the paper's comparison, and watch the
 * numbers the paper is about: embedding vs rest-of-model gradient norms, ID vs OOD accuracy,
 * how far the embedding moved. Charts arrive with the full UI; this panel is the live table.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { FAMILIES, type Family } from '../../core/models/registry';
import { presetConfig, type SizePreset } from '../../core/models/presets';
import { PAPER_METHODS } from '../../core/optim/methods';
import { BENCHMARK_NAMES } from '../../data/benchmarks/registry';
import type { BackendName, RunSpec } from '../../protocol/messages';
import type { TrainingClient } from '../../worker/client';
import { useSession } from '../store/session-store';
import { BackendLine } from './backend-line';
import { MethodTable } from './method-table';
import { usePretrained } from './use-pretrained';

// recharts is large: load it when the first run starts, not with the page.
const ChartsPanel = lazy(() => import('./charts/charts-panel').then((m) => ({ default: m.ChartsPanel })));

export function TrainPanel({ client }: { client: TrainingClient }) {
  const status = useSession((s) => s.status);
  const loadMessage = useSession((s) => s.loadMessage);
  const loaded = useSession((s) => s.loaded);
  const progress = useSession((s) => s.progress);
  const error = useSession((s) => s.error);
  const crash = useSession((s) => s.crash);
  const pretrained = usePretrained();
  const [weights, setWeights] = useState<string>('random');
  // Pretrained weights are the point of the playground: default to the first shipped one.
  const first = pretrained[0]?.name;
  useEffect(() => {
    if (first) setWeights((w) => (w === 'random' ? first : w));
  }, [first]);
  const [family, setFamily] = useState<Family>('vit');
  const [size, setSize] = useState<SizePreset>('micro');
  const [benchmark, setBenchmark] = useState<string>(BENCHMARK_NAMES[0] ?? 'subpopulation');
  const [methodId, setMethodId] = useState<string>('all');
  const [steps, setSteps] = useState(50);
  const [batchSize, setBatchSize] = useState(32);
  const [seed, setSeed] = useState(0);
  // Off by default for now: on a slow machine one recharts render can take a few hundred ms of
  // main-thread time (measured on 2 starved cores); the full UI (issue 6) makes them cheap.
  const [charts, setCharts] = useState(false);

  const load = (): void => {
    useSession.getState().setStatus('loading');
    const model = weights === 'random' ? { kind: 'scratch' as const, config: presetConfig(family, size), seed } : { kind: 'pretrained' as const, name: weights, seed };
    client.send({ type: 'load', model, data: { benchmark, seed, trainPerClass: 100 } });
  };
  const start = (): void => {
    useSession.getState().clearRuns();
    const methods = methodId === 'all' ? [...PAPER_METHODS] : PAPER_METHODS.filter((m) => m.id === methodId);
    const run: RunSpec = { methods, schedule: { kind: 'cosine' }, epochs: 100, batchSize, seed, evalEvery: Math.max(1, Math.round(steps / 5)), maxSteps: steps, augment: true };
    useSession.getState().setStatus('running');
    client.send({ type: 'start', run });
  };
  const running = status === 'running' || status === 'paused';
  return (
    <section aria-labelledby="train-h">
      <h2 id="train-h">Fine-tune</h2>
      <BackendLine />
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          weights{' '}
          <select value={weights} onChange={(e) => setWeights(e.target.value)} disabled={running}>
            {pretrained.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name} (pretrained{m.params ? `, ${m.params.toLocaleString('en-US')} params` : ''}
                {m.embedShare !== undefined ? `, embedding ${(100 * m.embedShare).toFixed(1)}%` : ''})
              </option>
            ))}
            <option value="random">random init (no pretraining)</option>
          </select>
        </label>
        <label>
          model{' '}
          <select value={family} onChange={(e) => setFamily(e.target.value as Family)} disabled={running || weights !== 'random'}>
            {FAMILIES.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label>
          size{' '}
          <select value={size} onChange={(e) => setSize(e.target.value as SizePreset)} disabled={running || weights !== 'random'}>
            <option value="micro">micro</option>
            <option value="tiny">tiny</option>
          </select>
        </label>
        <label>
          benchmark{' '}
          <select value={benchmark} onChange={(e) => setBenchmark(e.target.value)} disabled={running}>
            {BENCHMARK_NAMES.map((b) => (
              <option key={b}>{b}</option>
            ))}
          </select>
        </label>
        <label>
          seed <input type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value))} disabled={running} />
        </label>
        <button type="button" onClick={load} disabled={running || status === 'loading'}>
          Load
        </button>
        <label>
          method{' '}
          <select value={methodId} onChange={(e) => setMethodId(e.target.value)} disabled={running}>
            <option value="all">the paper's comparison (4 methods)</option>
            {PAPER_METHODS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          steps <input type="number" min={1} value={steps} onChange={(e) => setSteps(Number(e.target.value))} disabled={running} />
        </label>
        <label>
          batch <input type="number" min={1} value={batchSize} onChange={(e) => setBatchSize(Number(e.target.value))} disabled={running} />
        </label>
        <button type="button" onClick={start} disabled={!loaded || running}>
          Train
        </button>
        <button type="button" onClick={() => client.send({ type: status === 'paused' ? 'resume' : 'pause' })} disabled={!running}>
          {status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={() => client.send({ type: 'stop' })} disabled={!running}>
          Stop
        </button>
      </form>
      <p role="status" aria-live="polite" data-testid="status">
        {status}
        {loadMessage && ` (${loadMessage})`}
        {loaded && ` · ${loaded.family}, ${loaded.params.toLocaleString('en-US')} parameters, ${loaded.sizes.train} training images`}
        {progress && running && ` · ${progress.methodId} step ${progress.step}/${progress.totalSteps}, about ${Math.ceil(progress.etaMs / 1000)} s left`}
      </p>
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
              <button key={b} type="button" onClick={() => client.send({ type: 'continue', backend: b })}>
                Continue on {b}
                {error.snapshotStep !== undefined ? ` from step ${error.snapshotStep}` : ''}
              </button>
            ))}
        </div>
      )}
      <MethodTable />
      <label>
        <input type="checkbox" checked={charts} onChange={(e) => setCharts(e.target.checked)} /> show live charts
      </label>
      {charts && (
        <Suspense fallback={<p>Loading charts…</p>}>
          <ChartsPanel />
        </Suspense>
      )}
    </section>
  );
}
