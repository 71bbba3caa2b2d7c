/**
 * Every export describes its run, never the controls (issue 24, item 4). A vit-adamw run goes
 * through the page's real store (loaded, begin, the worker's events, run-done); then EVERY
 * control changes (the weights to random or to resnet-sgd, every rate, the data, the seed...);
 * then each export is built as the panel builds it, the worker's halves by the worker's own
 * code on the real vit-adamw checkpoint and benchmark: the Metrics JSON, the CSV, the tfjs
 * model's metadata and the PyTorch project (README, recipe, starting weights). Each must
 * describe the run. A load since the run makes the worker refuse the project rather than
 * label other weights with the run's settings; before any run the controls are used, and said.
 */
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BenchmarkCache, checkpointBytes, loadManifest } from '../../../src/cli/experiment/load';
import type { CheckpointEntry } from '../../../src/cli/experiment/run-one';
import { useCpuBackend } from '../../../src/cli/node-backend';
import { loadForNewTask } from '../../../src/core/checkpoint/checkpoint';
import { readSafetensors } from '../../../src/core/checkpoint/safetensors';
import { buildModel } from '../../../src/core/models/build-model';
import { Rng } from '../../../src/core/rng';
import type { ModelConfig } from '../../../src/spec/model-config';
import { METHOD_IDS } from '../../../src/presets/method-catalog';
import type { ProjectRecipe } from '../../../src/project/project-recipe';
import type { WorkerEvent } from '../../../src/protocol/messages';
import {
  exportSource,
  metricsJsonOf,
  projectRequestOf,
  weightsAboutOf,
} from '../../../src/ui/export/export-source';
import { metricsCsv } from '../../../src/ui/export/metrics-csv';
import type { MetricsFile } from '../../../src/ui/export/metrics-json';
import {
  defaultSettings,
  SETTING_NAMES,
  SETTINGS,
  type Config,
  type SettingName,
} from '../../../src/ui/settings/settings-table';
import { dataSource, modelSource, runSpec } from '../../../src/ui/settings/to-commands';
import { resetSavedRuns, resetSession, useStore } from '../../../src/ui/store/store';
import { exportProject } from '../../../src/worker/export-project';
import { exportWeights } from '../../../src/worker/export-weights';
import type { Loaded } from '../../../src/worker/loaded';
import { fakeRunEvents, loadedInfoOf, vitDef } from '../../helpers/fake-run';

/** The run: the classroom preset's vit-adamw and methods, small data, rates of its own. */
const RUN: Config = {
  ...defaultSettings(),
  weights: 'vit-adamw',
  classes: [0, 3],
  perClass: 4,
  valPerClass: 2,
  oodPerClass: 2,
  steps: 2,
  batchSize: 8,
  lrSgd: 0.01,
  lrSgdm: 0.02,
  lrAdamw: 0.0003,
};
const LOAD_ID = 'load-of-the-run';

/** A value of `name` other than `v`, inside the control's range. */
function otherValue(name: SettingName, v: unknown, weights: string): unknown {
  if (name === 'weights') return weights;
  if (name === 'methods')
    return METHOD_IDS.filter((id) => !(v as string[]).includes(id)).slice(0, 1);
  if (name === 'classes') return (v as number[]).length ? [1, 2] : [0];
  const s = SETTINGS[name];
  if (s.kind === 'bool') return !v;
  if (s.kind === 'choice') return s.options.find((o) => o.value !== v)?.value;
  if (s.kind === 'number') {
    const n = v as number;
    if (s.integer) return n + 1 <= (s.max ?? Infinity) ? n + 1 : n - 1;
    return n === 0 ? (s.max ?? 1) / 2 : n / 2;
  }
  throw new Error(`no other value for ${name}`);
}

/** Sets every control to another value, through the store's own action; returns the new config. */
function changeEveryControl(weights: string): Config {
  const s = useStore.getState();
  for (const name of SETTING_NAMES)
    s.set(name, otherValue(name, useStore.getState().config[name], weights) as Config[typeof name]);
  const now = useStore.getState().config;
  for (const name of SETTING_NAMES) expect(now[name], name).not.toEqual(RUN[name]);
  return now;
}

/** The page after a vit-adamw run: loaded, begun (the record), the worker's events, run-done. */
function pageAfterRun(): void {
  resetSession();
  resetSavedRuns();
  useStore.getState().resetConfig();
  for (const name of SETTING_NAMES) useStore.getState().set(name, RUN[name] as Config[typeof name]);
  const def = vitDef();
  useStore
    .getState()
    .receive({ type: 'loaded', requestId: 1, info: { ...loadedInfoOf(def), loadId: LOAD_ID } });
  useStore.getState().begin(RUN, useStore.getState().hash(), 1_700_000_000_000);
  for (const { e } of fakeRunEvents(def, { methods: RUN.methods, steps: 2, evalEvery: 1 }))
    useStore.getState().receive(e);
  expect(useStore.getState().active).toBeNull(); // the run is over
}

const cache = new BenchmarkCache();

/** What the worker held for the run: the vit-adamw checkpoint with a fresh head, the run's data subset. */
async function workerLoad(c: Config, id: string): Promise<Loaded> {
  const entry = (await loadManifest()).find((m) => m.name === c.weights) as CheckpointEntry;
  const { benchmark, ...opts } = dataSource(c);
  const data = await cache.get(benchmark, opts);
  const config = { ...entry.config, numClasses: data.sets.train.numClasses } as ModelConfig;
  const m = loadForNewTask(
    buildModel(config),
    await checkpointBytes(entry),
    new Rng(c.seed),
    entry.file,
  );
  const weights = await m.readAll();
  m.dispose();
  return { model: { config, def: m.def, weights }, data, id };
}

/** The worker's answer to the panel's export-project request (or its refusal, thrown). */
function projectFiles(loaded: Loaded): {
  files: Record<string, string | Uint8Array>;
  recipe: ProjectRecipe;
  readme: string;
} {
  const req = projectRequestOf(useStore.getState());
  if (!req) throw new Error('no project request');
  let reply: WorkerEvent | null = null;
  exportProject({ type: 'export-project', requestId: 7, ...req }, loaded, (e) => (reply = e));
  const r = reply as WorkerEvent | null;
  if (r?.type !== 'project-exported') throw new Error('no project');
  const unzipped = unzipSync(new Uint8Array(r.bytes));
  const files = Object.fromEntries(
    Object.entries(unzipped).map(([k, v]) => [k.slice(k.indexOf('/') + 1), v]),
  );
  const text = (f: string): string => strFromU8(files[f] as Uint8Array);
  return {
    files,
    recipe: JSON.parse(text('recipe.json')) as ProjectRecipe,
    readme: text('README.md'),
  };
}

describe('every export describes its run, whatever the controls say now', () => {
  let loaded: Loaded;
  beforeAll(async () => {
    await useCpuBackend();
    loaded = await workerLoad(RUN, LOAD_ID);
  }, 60_000);

  for (const weights of ['random', 'resnet-sgd']) {
    it(`after a vit-adamw run, with every control changed (the weights to ${weights}), the metrics, weights and PyTorch project are the run's`, () => {
      pageAfterRun();
      const run = useStore.getState().pageRun;
      expect(run?.config).toEqual(RUN);
      const csvBefore = metricsCsv(useStore.getState().methods);
      const changed = changeEveryControl(weights);
      const s = useStore.getState();

      // Metrics JSON: the run's settings, link and id, said to be the run's.
      const f = JSON.parse(metricsJsonOf(s)) as MetricsFile;
      expect(f).toMatchObject({
        settingsFrom: 'run',
        runId: run?.id,
        hash: run?.hash,
        backend: null,
      });
      expect(f.config).toEqual(RUN);
      expect(f.hash).not.toBe(s.hash());
      // The CSV holds the run's metrics alone: the controls do not reach it.
      expect(metricsCsv(s.methods)).toBe(csvBefore);

      // The tfjs model's metadata, written by the worker's own export.
      const finals = new Map([['sgd', { weights: loaded.model.weights, steps: 2 }]]);
      const tfjs = exportWeights(loaded, finals, {
        type: 'export',
        requestId: 3,
        methodId: 'sgd',
        format: 'tfjs',
        ...weightsAboutOf(s),
      });
      const meta = JSON.parse(
        strFromU8(unzipSync(new Uint8Array(tfjs.bytes))['metadata.json'] as Uint8Array),
      ) as { settings: Config; link: string };
      expect(meta.settings).toEqual(RUN);
      expect(meta.link).toBe(run?.hash);

      // The PyTorch project: the run's weights name, rates, data and seed; the starting weights are vit-adamw's.
      const { files, recipe, readme } = projectFiles(loaded);
      expect(recipe.model.checkpoint).toBe('vit-adamw');
      expect(recipe.origin).toEqual({
        from: 'run',
        runId: run?.id,
        startedAt: 1_700_000_000_000,
        hash: run?.hash,
      });
      expect(recipe.methods.map((m) => [m.id, m.optimizer.lr])).toEqual(
        runSpec(RUN).methods.map((m) => [m.id, m.optimizer.lr]),
      );
      expect(recipe.run).toMatchObject({
        seed: RUN.seed,
        batchSize: RUN.batchSize,
        maxSteps: RUN.steps,
        augment: RUN.augment,
        epochs: RUN.epochs,
      });
      expect(recipe.data.options).toMatchObject({
        seed: RUN.seed,
        classes: RUN.classes,
        trainPerClass: RUN.perClass,
      });
      expect(readSafetensors(files['start.safetensors'] as Uint8Array).metadata).toMatchObject({
        name: 'vit-adamw',
        method: 'start',
      });
      expect(readme).toContain('pretrained checkpoint `vit-adamw`');
      expect(readme).not.toMatch(/random initial weights|resnet-sgd/);
      expect(readme).toContain(`SGD lr ${RUN.lrSgd} `.trimEnd());
      expect(readme).not.toContain(`SGD lr ${changed.lrSgd}`);
      expect(readme).toContain(`the settings run \`${run?.id}\` started with`);
      expect(readme).toMatch(/cd pytorch-vit-adamw-[^\n]+\npython3 train\.py/);
    }, 60_000);
  }

  it("after a Load of other weights or data, the worker refuses the run's project instead of mislabelling what it holds", () => {
    pageAfterRun();
    changeEveryControl('random');
    expect(() => projectFiles({ ...loaded, id: 'a-later-load' })).toThrow(
      /no longer holds this run's starting weights and data \(a Load of other settings since replaced them\).*press Run/,
    );
  });

  it('a saved run on show is described by its own record', () => {
    pageAfterRun();
    const run = useStore.getState().pageRun!;
    const saved = {
      ...run,
      id: 'saved-1',
      config: { ...RUN, seed: 99 },
      hash: '#seed=99',
      backend: 'wasm',
    };
    useStore.setState({ runs: [saved] });
    useStore.getState().show('saved-1', useStore.getState().methods, run.loaded);
    changeEveryControl('resnet-sgd');
    const f = JSON.parse(metricsJsonOf(useStore.getState())) as MetricsFile;
    expect(f).toMatchObject({
      settingsFrom: 'saved-run',
      runId: 'saved-1',
      config: { seed: 99 },
      hash: '#seed=99',
      backend: 'wasm',
    });
    expect(weightsAboutOf(useStore.getState())).toEqual({
      settings: saved.config,
      hash: '#seed=99',
    });
  });

  it('before any run the project takes the controls, and says so', () => {
    resetSession();
    resetSavedRuns();
    useStore.getState().resetConfig();
    for (const name of SETTING_NAMES)
      useStore.getState().set(name, RUN[name] as Config[typeof name]);
    useStore.getState().receive({
      type: 'loaded',
      requestId: 1,
      info: { ...loadedInfoOf(vitDef()), loadId: LOAD_ID },
    });
    expect(exportSource(useStore.getState()).from).toBe('controls');
    const req = projectRequestOf(useStore.getState());
    expect(req).toEqual({
      run: runSpec(RUN),
      model: modelSource(RUN),
      origin: { from: 'controls' },
    });
    const { recipe, readme } = projectFiles(loaded);
    expect(recipe.origin).toEqual({ from: 'controls' });
    expect(readme).toContain(
      'before any run: these are the settings its controls showed at export',
    );
  });
});
