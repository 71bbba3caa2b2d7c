/**
 * Metrics as JSON: the run's configuration (and its link), what was loaded, and every method's
 * history as the page keeps it (recent steps all, older ones thinned: method-history-bounds.ts):
 * steps as columns (step-table.ts), evaluations, memory, the final result. Compact where
 * version 1 was not (3.9 MB for a 2-method, 6-step run, nearly all of it filter pictures as
 * decimal number[] with one number a line): measured values rounded to 6 significant digits,
 * arrays of values on one line, and the filter pictures (the first evaluation's and the last
 * few) as base64 float32 in one table, so identical ones (every method's starting weights) are
 * written once. Version 3: the settings say where they come from (`settingsFrom`: the run,
 * a saved run, or the controls before any run), and each method's memory is that method's own
 * (memory-json.ts), the worker-wide figure renamed for what it is. `readMetricsJson` reads a
 * file back (version 1, 2 or 3) into method histories.
 */
import type { LoadedInfo, EvalEvent, FilterSnapshot } from '../../protocol/messages';
import type { Config } from '../settings/settings-table';
import type { MethodHistory } from '../store/method-history';
import { compactJson } from './compact-json';
import { base64ToFloat32, float32ToBase64 } from './float32-base64';
import { exportedMemory, memoryOf, type ExportedMemory } from './memory-json';
import { round6, stepTable, stepsFromTable, type StepTable } from './step-table';
import { VERSIONS } from '../../protocol/versions';

export const METRICS_FORMAT = 'fine-tune-playground/metrics';
export const METRICS_VERSION = 3;

export interface FilterPicture {
  param: string;
  /** tfjs HWIO layout: [kh, kw, cin, cout]. */
  shape: number[];
  /** The weights, base64 of little-endian float32. */
  float32: string;
}

/** An evaluation in the file: its picture, if it kept one, by key into `filters`. */
export type ExportedEval = Omit<EvalEvent, 'type' | 'filters'> & { filters?: string };

export type ExportedMethod = Omit<MethodHistory, 'steps' | 'evals' | 'received' | 'memory'> & {
  steps: StepTable;
  evals: ExportedEval[];
  memory?: ExportedMemory;
};

/** Version 2's methods: the memory as the page held it (`measured`: the whole worker's tf.memory()). */
type ExportedMethodV2 = Omit<ExportedMethod, 'memory'> & { memory?: MethodHistory['memory'] };

interface Header {
  format: typeof METRICS_FORMAT;
  /** Version 3: the run the settings are (this page's, or one reopened from the history), or the controls before any run. */
  settingsFrom?: 'run' | 'saved-run' | 'controls';
  /** Version 3: the run's history id (null: none). */
  runId?: string | null;
  exportedAt: string;
  generatedBy: typeof VERSIONS;
  config: Config | null;
  hash: string | null;
  loaded: LoadedInfo | null;
  backend: string | null;
}

export interface MetricsFile extends Header {
  version: 3;
  /** How to read the file, for whoever opens it without this code. */
  readme: string[];
  methods: Record<string, ExportedMethod>;
  filters: Record<string, FilterPicture>;
}

/** Version 2: as 3, but each method's memory as the page held it. */
export interface MetricsFileV2 extends Omit<MetricsFile, 'version' | 'methods'> {
  version: 2;
  methods: Record<string, ExportedMethodV2>;
}

/** Version 1 (before the compact format): every event as the UI held it. */
export interface MetricsFileV1 extends Header {
  version: 1;
  methods: Record<string, MethodHistory>;
}

const README = [
  'methods.<id>.steps: one array per field, rows in step order; gradNorm.perParam/perLayer/perGroup: one array per name; null = no gradient (frozen) or not measured.',
  'Measured values rounded to 6 significant digits. Long runs keep every recent step and every stride-th older one (methods.<id>.stride).',
  "methods.<id>.memory: accounting = the engine's bytes per group (weights, gradients, optimizer state); method = what this method itself uses (accounted, and the peak measured over its steps); workerAtStart = tf.memory() of the whole worker when the method started (every model, dataset and buffer held then: not this method's).",
  'methods.<id>.evals[].filters: a key of `filters`, the first layer\'s weights then; float32 = base64 of little-endian float32 in tfjs HWIO order (numpy: np.frombuffer(base64.b64decode(s), "<f4").reshape(shape)).',
];

/** Accuracy reports and drift rounded like the steps. */
function roundEval(e: EvalEvent): Omit<EvalEvent, 'type' | 'filters'> {
  const { type: _type, filters: _filters, ...rest } = e;
  const report = (r: EvalEvent['id']): EvalEvent['id'] => ({
    ...r,
    accuracy: round6(r.accuracy) ?? NaN,
    ...(r.perGroup ? { perGroup: r.perGroup.map((v) => round6(v) ?? NaN) } : {}),
    ...(r.worstGroup !== undefined ? { worstGroup: round6(r.worstGroup) ?? NaN } : {}),
    ...(r.reweighted !== undefined ? { reweighted: round6(r.reweighted) ?? NaN } : {}),
  });
  return {
    ...rest,
    id: report(e.id),
    ood: report(e.ood),
    drift: Object.fromEntries(Object.entries(e.drift).map(([k, v]) => [k, round6(v) ?? NaN])),
  };
}

export interface MetricsInput {
  config: Config | null;
  hash: string | null;
  loaded: LoadedInfo | null;
  backend: string | null;
  methods: Record<string, MethodHistory>;
  /** Where `config` comes from (export-source.ts); absent: not said. */
  from?: Header['settingsFrom'];
  runId?: string | null;
  now?: Date;
}

export function metricsJson(p: MetricsInput): string {
  const filters: Record<string, FilterPicture> = {};
  const keyOf = new Map<string, string>();
  const picture = (f: FilterSnapshot): string => {
    const float32 = float32ToBase64(f.values);
    const id = `${f.param}|${f.shape.join('x')}|${float32}`;
    let key = keyOf.get(id);
    if (!key) {
      key = `f${keyOf.size}`;
      keyOf.set(id, key);
      filters[key] = { param: f.param, shape: [...f.shape], float32 };
    }
    return key;
  };
  const methods: Record<string, ExportedMethod> = {};
  for (const [id, m] of Object.entries(p.methods)) {
    const { steps, evals, received: _received, done, memory, ...rest } = m;
    methods[id] = {
      ...rest,
      ...(memory ? { memory: exportedMemory(memory, steps) } : {}),
      ...(done
        ? {
            done: {
              ...done,
              best: done.best && { ...roundEval(done.best), type: 'eval' },
              last: done.last && { ...roundEval(done.last), type: 'eval' },
            },
          }
        : {}),
      steps: stepTable(steps),
      evals: evals.map((e) => ({
        ...roundEval(e),
        ...(e.filters ? { filters: picture(e.filters) } : {}),
      })),
    };
  }
  const file: MetricsFile = {
    format: METRICS_FORMAT,
    version: METRICS_VERSION,
    exportedAt: (p.now ?? new Date()).toISOString(),
    generatedBy: VERSIONS,
    readme: README,
    ...(p.from ? { settingsFrom: p.from } : {}),
    ...(p.runId !== undefined ? { runId: p.runId } : {}),
    config: p.config,
    hash: p.hash,
    loaded: p.loaded,
    backend: p.backend,
    methods,
    filters,
  };
  return `${compactJson(file)}\n`;
}

export interface ReadMetrics {
  config: Config | null;
  hash: string | null;
  loaded: LoadedInfo | null;
  backend: string | null;
  methods: Record<string, MethodHistory>;
}

/** A metrics file (version 1, 2 or 3) back into what the page shows; throws on anything else. */
export function readMetricsJson(text: string): ReadMetrics {
  const f = JSON.parse(text) as MetricsFile | MetricsFileV2 | MetricsFileV1;
  if (f.format !== METRICS_FORMAT)
    throw new Error(`not a metrics file of this playground (format ${String(f.format)})`);
  const head = { config: f.config, hash: f.hash, loaded: f.loaded, backend: f.backend };
  if (f.version === 1) return { ...head, methods: f.methods };
  if (f.version !== 2 && f.version !== 3)
    throw new Error(
      `metrics file version ${String((f as { version: unknown }).version)} is newer than this page reads`,
    );
  const picture = (key: string): FilterSnapshot => {
    const p = f.filters[key];
    if (!p)
      throw new Error(`evaluation refers to filter picture ${key}, which the file does not have`);
    return { param: p.param, shape: p.shape, values: Array.from(base64ToFloat32(p.float32)) };
  };
  const methods: Record<string, MethodHistory> = {};
  const stored: Record<string, ExportedMethod | ExportedMethodV2> = f.methods;
  for (const [id, m] of Object.entries(stored)) {
    const { steps, evals, memory, ...rest } = m;
    const held = memoryOf(memory);
    methods[id] = {
      ...rest,
      ...(held ? { memory: held } : {}),
      steps: stepsFromTable(steps),
      evals: evals.map(({ filters, ...e }: ExportedEval) => ({
        ...e,
        type: 'eval',
        ...(filters ? { filters: picture(filters) } : {}),
      })),
    };
  }
  return { ...head, methods };
}
