/**
 * What every export describes: a run, never the controls as they are now. A saved run on show
 * is described by its history record; otherwise this page's last run by the record `begin`
 * wrote when it started (saved-runs-slice.ts `pageRun`): its settings, link, load, backend. Only
 * before any run do the controls stand in, and the export says so (`from: 'controls'`). Pure:
 * the panel and the tests build each export from the same state.
 */
import type { LoadedInfo, ModelRef, RunSpec, SettingsOrigin } from '../../protocol/messages';
import type { Config } from '../settings/settings-table';
import { modelRef, runSpec } from '../settings/to-commands';
import type { PlaygroundState } from '../store/store';
import { metricsJson } from './metrics-json';

export interface ExportSource {
  /** 'run': this page's last run; 'saved-run': a run reopened from the history; 'controls': no run yet. */
  from: 'run' | 'saved-run' | 'controls';
  runId: string | null;
  startedAt: number | null;
  config: Config | null;
  hash: string | null;
  loaded: LoadedInfo | null;
  backend: string | null;
}

type Held = Pick<
  PlaygroundState,
  'viewing' | 'runs' | 'pageRun' | 'config' | 'hash' | 'loaded' | 'backend'
>;

export function exportSource(s: Held): ExportSource {
  if (s.viewing) {
    // show() put the saved run's own `loaded` in the session; its record has the rest.
    const saved = s.runs.find((r) => r.id === s.viewing);
    return {
      from: 'saved-run',
      runId: s.viewing,
      startedAt: saved?.startedAt ?? null,
      config: saved?.config ?? null,
      hash: saved?.hash ?? null,
      loaded: s.loaded,
      backend: saved?.backend ?? null,
    };
  }
  const run = s.pageRun;
  if (run) {
    return {
      from: 'run',
      runId: run.id,
      startedAt: run.startedAt,
      config: run.config,
      hash: run.hash,
      loaded: run.loaded ?? s.loaded,
      backend: run.backend ?? s.backend?.name ?? null,
    };
  }
  return {
    from: 'controls',
    runId: null,
    startedAt: null,
    config: s.config,
    hash: s.hash(),
    loaded: s.loaded,
    backend: s.backend?.name ?? null,
  };
}

/** The Metrics JSON of what the page shows, with the settings of the run it shows. */
export function metricsJsonOf(s: Held & Pick<PlaygroundState, 'methods'>, now?: Date): string {
  const src = exportSource(s);
  return metricsJson({
    config: src.config,
    hash: src.hash,
    loaded: src.loaded,
    backend: src.backend,
    methods: s.methods,
    from: src.from,
    runId: src.runId,
    ...(now ? { now } : {}),
  });
}

/** A tfjs model's metadata: the settings (and link) of the run the weights came from. */
export function weightsAboutOf(s: Held): { settings?: Config; hash?: string } {
  const src = exportSource(s);
  return {
    ...(src.config ? { settings: src.config } : {}),
    ...(src.hash !== null ? { hash: src.hash } : {}),
  };
}

export interface ProjectRequest {
  run: RunSpec;
  model: ModelRef;
  /** The load the run trained on: the worker refuses if it holds another since. */
  loadId?: string;
  origin: SettingsOrigin;
}

/** The PyTorch project's settings: the run's (or, before any run, the controls', said so). Null for a saved run with no settings, or own weights not loaded. */
export function projectRequestOf(s: Held): ProjectRequest | null {
  const src = exportSource(s);
  if (!src.config) return null;
  const origin: SettingsOrigin =
    src.from === 'controls'
      ? { from: 'controls' }
      : {
          from: 'run',
          ...(src.runId ? { runId: src.runId } : {}),
          ...(src.startedAt !== null ? { startedAt: src.startedAt } : {}),
          ...(src.hash ? { hash: src.hash } : {}),
        };
  const loadId = src.from === 'controls' ? undefined : src.loaded?.loadId;
  // An own checkpoint is named by what the run's load kept (its file name and SHA-256).
  let model: ModelRef;
  try {
    model = modelRef(src.config, src.loaded?.checkpoint);
  } catch {
    return null; // model=own with nothing loaded: no weights to describe
  }
  return { run: runSpec(src.config), model, ...(loadId ? { loadId } : {}), origin };
}
