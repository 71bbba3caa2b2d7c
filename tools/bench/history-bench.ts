/**
 * What the run history costs, before (record version 1) and now (version 2): the main-thread
 * cost of each save, the saved record's size, and the metrics JSON export's size, for the
 * full-benchmark preset and for long runs. Not a test. Run: `npm run bench -- history`
 * (`npm run bench -- history --long` adds a 20,000-step comparison, a few minutes).
 *
 * The worker's events are simulated (tests/helpers/fake-run.ts: the micro ViT's real names and
 * shapes, made-up values) and fed to the real session and history stores, as the page does.
 * IndexedDB is not in Node: a save's cost on the main thread is taken as what the store does
 * before the write plus V8's structured serialisation of what it hands to IndexedDB
 * (v8.serialize is the serializer IndexedDB uses in Chromium); the record's size is the bytes
 * of that serialisation for the run's live entries. Version 1 is recomputed beside it from the
 * same events as that code did it: every save serialised the whole record, every step ever.
 */
import { serialize } from 'node:v8';
import { performance } from 'node:perf_hooks';
import type { EvalEvent, StepEvent } from '../../src/core/train/events';
import { metricsJson } from '../../src/ui/export/metrics-json';
import type { RunDb, RunWrite } from '../../src/ui/saved-runs/run-db';
import type { RunList } from '../../src/ui/saved-runs/read-stored';
import { RunSaver } from '../../src/ui/saved-runs/run-saver';
import { METHOD_CATALOG } from '../../src/presets/method-catalog';
import { plannedSteps, stepsPerEpoch, trainImagesOf } from '../../src/ui/settings/run-length';
import { defaultSettings } from '../../src/ui/settings/settings-table';
import { presetTarget } from '../../src/ui/store/config-slice';
import { resetSavedRuns, useStore, resetSession } from '../../src/ui/store/store';
import type { MethodHistory } from '../../src/ui/store/method-history';
import { fakeRunEvents, loadedInfoOf, vitDef, type FakeRun } from '../../tests/helpers/fake-run';

interface Result {
  name: string;
  saves: number;
  v1: { meanMs: number; maxMs: number; recordBytes: number; exportBytes: number };
  v2: {
    meanMs: number;
    maxMs: number;
    saverMs: number;
    recordBytes: number;
    exportBytes: number;
    pages: number;
  };
  pageStepsHeld: number;
}

/** A run database that only measures: serialises each write as IndexedDB would and keeps the bytes of the live entries. */
class MeasuringDb implements RunDb {
  readonly persistent = true;
  serialiseMs: number[] = [];
  private head = 0;
  private pages = new Map<number, number>();
  async write(w: RunWrite): Promise<void> {
    const t = performance.now();
    const head = serialize(w.summary).length + serialize(w.headers).length;
    const page = w.page ? serialize(w.page.data).length : 0;
    this.serialiseMs.push(performance.now() - t);
    this.head = head;
    if (w.page?.replaces) this.pages.clear();
    if (w.page) this.pages.set(w.page.seq, page);
  }
  get bytes(): number {
    return this.head + [...this.pages.values()].reduce((a, b) => a + b, 0);
  }
  async get(): Promise<undefined> {
    return undefined;
  }
  async list(): Promise<RunList> {
    return { runs: [], damaged: [], unlisted: 0 };
  }
  async raw(): Promise<undefined> {
    return undefined;
  }
  async remove(): Promise<void> {}
}

const mean = (xs: readonly number[]): number =>
  xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function bench(name: string, run: FakeRun): Promise<Result> {
  const def = vitDef();
  resetSession();
  resetSavedRuns();
  const db = new MeasuringDb();
  await useStore.getState().attach(db);
  useStore.getState().apply({ type: 'loaded', requestId: 1, info: loadedInfoOf(def) });
  const config = defaultSettings();
  useStore.getState().begin(config, '#', 0);

  // What the store does before a write: the saver's work (time it where the store calls it).
  const nextMs: number[] = [];
  const next = RunSaver.prototype.next;
  RunSaver.prototype.next = function (this: RunSaver, methods) {
    const t = performance.now();
    const out = next.call(this, methods);
    nextMs.push(performance.now() - t);
    return out;
  };

  // Which events the store saved at: version 1 saved at the same ones (the policy is unchanged).
  const saveAt = new Set<number>();
  try {
    let i = 0;
    for (const { e, now } of fakeRunEvents(def, run)) {
      useStore.getState().apply(e);
      const before = useStore.getState().saving;
      useStore.getState().record(e, now);
      if (useStore.getState().saving !== before) saveAt.add(i);
      await useStore.getState().saving;
      i++;
    }
  } finally {
    RunSaver.prototype.next = next;
  }
  const shown = useStore.getState().methods;
  const v2Export = metricsJson({
    config,
    hash: '#',
    loaded: useStore.getState().loaded,
    backend: 'webgpu',
    methods: shown,
    now: new Date(0),
  });
  const v1 = version1(def, run, saveAt, config);
  // The first write (begin) is the same small header in both versions: costs are over the run's saves.
  const v2Ms = db.serialiseMs.map((ms, i) => ms + (nextMs[i] ?? 0)).slice(1);
  return {
    name,
    saves: saveAt.size,
    v1,
    v2: {
      meanMs: mean(v2Ms),
      maxMs: Math.max(...v2Ms),
      saverMs: mean(nextMs.slice(1)),
      recordBytes: db.bytes,
      exportBytes: v2Export.length,
      pages: nextMs.length,
    },
    pageStepsHeld: Object.values(shown).reduce((n, m: MethodHistory) => n + m.steps.length, 0),
  };
}

/**
 * Version 1 from the same events, in a second pass (its heap, every event ever, would slow the
 * first one down): every step and evaluation kept, and each save serialising the whole record;
 * the export as that code wrote it (JSON.stringify(file, null, 1)).
 */
function version1(
  def: ReturnType<typeof vitDef>,
  run: FakeRun,
  saveAt: ReadonlySet<number>,
  config: ReturnType<typeof defaultSettings>,
): Result['v1'] {
  const all: Record<string, { steps: StepEvent[]; evals: EvalEvent[] }> = {};
  const ms: number[] = [];
  let bytes = 0;
  let i = 0;
  for (const { e } of fakeRunEvents(def, run)) {
    if (e.type === 'metrics')
      for (const { methodId, event } of e.steps)
        (all[methodId] ??= { steps: [], evals: [] }).steps.push(event);
    if (e.type === 'eval') (all[e.methodId] ??= { steps: [], evals: [] }).evals.push(e.event);
    if (saveAt.has(i++)) {
      const t = performance.now();
      bytes = serialize(all).length; // the metrics value (its summary, ~2 KB, left out)
      ms.push(performance.now() - t);
    }
  }
  const file = {
    format: 'fine-tune-playground/metrics',
    version: 1,
    exportedAt: new Date(0).toISOString(),
    config,
    hash: '#',
    loaded: useStore.getState().loaded,
    backend: 'webgpu',
    methods: all,
  };
  return {
    meanMs: mean(ms),
    maxMs: Math.max(...ms),
    recordBytes: bytes,
    exportBytes: JSON.stringify(file, null, 1).length,
  };
}

/** The full-benchmark preset (the "Full benchmark" button on the default page) as a simulated run. */
function fullBenchmark(): FakeRun {
  const c = presetTarget('full', defaultSettings());
  const images = trainImagesOf(c);
  return {
    methods: c.methods,
    steps: plannedSteps(c, images),
    evalEvery: Math.max(1, Math.round(stepsPerEpoch(images, c.batchSize) / c.evalsPerEpoch)),
    frozen: METHOD_CATALOG.filter(
      (m) => c.methods.includes(m.id) && m.freeze.includes('embed'),
    ).map((m) => m.id),
    // One lockstep round of four methods at batch 64 on the CPU backend in Chromium (docs/performance.md: ~0.86 s a method-step at batch 32).
    msPerRound: 4 * 1700,
  };
}

const kb = (b: number): string => `${(b / 1024).toFixed(0)} KB`;
const mb = (b: number): string => `${(b / 1e6).toFixed(2)} MB`;

async function main(): Promise<void> {
  const runs: [string, FakeRun][] = [
    ['full-benchmark preset', fullBenchmark()],
    ['2 methods, 6 steps', { methods: ['sgd', 'adamw'], steps: 6, evalEvery: 1 }],
  ];
  if (process.argv.includes('--long'))
    runs.push([
      '4 methods, 20,000 steps',
      { ...fullBenchmark(), steps: 20_000, evalEvery: 500, msPerRound: 250 },
    ]);
  for (const [name, run] of runs) {
    const r = await bench(name, run);
    console.log(
      `\n${r.name}: ${run.methods.length} methods x ${run.steps} steps, an evaluation every ${run.evalEvery}; ${r.saves} saves`,
    );
    console.log(
      `  v1 (whole record each save): ${r.v1.meanMs.toFixed(2)} ms a save (max ${r.v1.maxMs.toFixed(1)}), record ${mb(r.v1.recordBytes)}, JSON export ${mb(r.v1.exportBytes)}`,
    );
    console.log(
      `  v2 (header + appended pages): ${r.v2.meanMs.toFixed(2)} ms a save (max ${r.v2.maxMs.toFixed(1)}; ${r.v2.saverMs.toFixed(2)} of it building the page), record ${mb(r.v2.recordBytes)}, JSON export ${kb(r.v2.exportBytes)}; ${r.pageStepsHeld} step events held by the page`,
    );
  }
}

void main();
