/**
 * "Bring your own checkpoint" on the page's side: what a load of `model=own` sends (the bytes,
 * to every seed's worker) or why it cannot (no file in this tab: the reason, never a shipped
 * model instead); the store's pick (a copy to the worker, a refusal keeps the accepted file);
 * the name and SHA-256 in the run's history record (and its validator) and in every export
 * (the Metrics JSON, the PyTorch project, the weights file), built by the worker's own code.
 */
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BenchmarkCache } from '../../../src/cli/experiment/load';
import { useCpuBackend } from '../../../src/cli/node-backend';
import { saveCheckpoint } from '../../../src/core/checkpoint/checkpoint';
import { readSafetensors } from '../../../src/core/checkpoint/safetensors';
import { sha256Hex } from '../../../src/core/checkpoint/sha256';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { Rng } from '../../../src/core/rng';
import { modelConfigOfSize, type ModelConfig } from '../../../src/spec/model-config';
import type { ProjectRecipe } from '../../../src/project/project-recipe';
import type { CheckpointFit, WorkerEvent } from '../../../src/protocol/messages';
import { metricsJsonOf, projectRequestOf } from '../../../src/ui/export/export-source';
import type { MetricsFile } from '../../../src/ui/export/metrics-json';
import { fitText } from '../../../src/ui/features/choose/own-checkpoint-text';
import { loadRequest } from '../../../src/ui/features/load-request';
import { checkSummary } from '../../../src/ui/saved-runs/check-summary';
import { Damage } from '../../../src/ui/saved-runs/stored-checks';
import { jobSource } from '../../../src/ui/pool/train-in-pool';
import { defaultSettings, type Config } from '../../../src/ui/settings/settings-table';
import { dataSource, NO_OWN_CHECKPOINT, OWN_WEIGHTS } from '../../../src/ui/settings/to-commands';
import type { OwnCheckpoint } from '../../../src/ui/store/own-checkpoint-slice';
import { OWN_START } from '../../../src/ui/store/own-data-slice';
import { resetSavedRuns, resetSession, useStore } from '../../../src/ui/store/store';
import { exportProject } from '../../../src/worker/export-project';
import { exportWeights } from '../../../src/worker/export-weights';
import { describeLoaded, type Loaded } from '../../../src/worker/loaded';
import { loadOwnModel } from '../../../src/worker/own-checkpoint';
import { fakeRunEvents } from '../../helpers/fake-run';

const RUN: Config = {
  ...defaultSettings(),
  weights: OWN_WEIGHTS,
  benchmark: 'style',
  seed: 1,
  seeds: 2,
  classes: [],
  perClass: 4,
  valPerClass: 2,
  oodPerClass: 2,
  steps: 2,
  batchSize: 8,
  methods: ['sgd'],
};
const tinyVit = { ...modelConfigOfSize('vit', 'tiny'), numClasses: 10 } as ModelConfig;

async function ownFile(seed = 2): Promise<OwnCheckpoint> {
  const m = ModelInstance.init(buildModel(tinyVit), new Rng(seed));
  const bytes = await saveCheckpoint(m, { method: 'adamw', steps: '12' });
  m.dispose();
  const fit: CheckpointFit = {
    file: 'mine.safetensors',
    sha256: await sha256Hex(bytes),
    config: tinyVit,
    headClasses: 10,
    bytes: bytes.byteLength,
    metadata: { method: 'adamw', steps: '12' },
  };
  return { fit, bytes: bytes.slice().buffer };
}

describe('a load of model=own', () => {
  it('without a checkpoint in this tab: the reason, not a shipped model', () => {
    const req = loadRequest(RUN, OWN_START);
    expect(req).toEqual({ ok: false, reason: NO_OWN_CHECKPOINT });
    expect(NO_OWN_CHECKPOINT).toMatch(/a link cannot carry/);
    expect(() => jobSource(RUN, OWN_START).load(1)).toThrow(/model=own/);
  });

  it('sends the bytes to every seed, keyed by the SHA-256', async () => {
    const own = await ownFile();
    const src = jobSource(RUN, OWN_START, own);
    for (const seed of [1, 2]) {
      const l = src.load(seed);
      expect(l.model).toMatchObject({
        kind: 'own',
        file: 'mine.safetensors',
        sha256: own.fit.sha256,
        config: tinyVit,
        seed,
      });
      expect(l.model.kind === 'own' && l.model.bytes).toBe(own.bytes);
      expect(l.data).toEqual(dataSource(RUN, seed));
    }
    const other = await ownFile(5);
    expect(src.load(1).key).not.toBe(jobSource(RUN, OWN_START, other).load(1).key);
    expect(src.load(1).key).toBe(
      jobSource(RUN, OWN_START, { ...own, bytes: own.bytes.slice(0) }).load(1).key,
    );
  });
});

describe("the store's pick", () => {
  it('sends the worker a copy, keeps an accepted file, and keeps it through a refused one', async () => {
    const own = await ownFile();
    let sent: ArrayBuffer | null = null;
    await useStore
      .getState()
      .pickCheckpoint(
        async (_f, b) => ((sent = b), { fit: own.fit }),
        'mine.safetensors',
        own.bytes,
      );
    expect(sent).not.toBe(own.bytes);
    expect(useStore.getState().ownCkpt).toMatchObject({
      busy: false,
      error: null,
      held: { fit: own.fit, bytes: own.bytes },
    });
    const why =
      'nan.safetensors, tensor "head.bias": a value is NaN or Inf (rule finite: float values are finite (no NaN or Inf))';
    await useStore
      .getState()
      .pickCheckpoint(async () => ({ error: why }), 'nan.safetensors', new ArrayBuffer(8));
    expect(useStore.getState().ownCkpt).toMatchObject({
      busy: false,
      error: why,
      held: { fit: own.fit },
    });
  });

  it('says what the file is', async () => {
    const { fit } = await ownFile();
    expect(fitText(fit)).toMatch(
      /^mine\.safetensors: a micro ViT \([\d,]+ parameters.*its head has 10 classes.*saved after 12 steps of adamw\. [\d.]+ MB, SHA-256 [0-9a-f]{64}\.$/,
    );
  });
});

describe('the history and the exports keep its name and SHA-256', () => {
  let own: OwnCheckpoint;
  let loaded: Loaded;
  beforeAll(async () => {
    await useCpuBackend();
    own = await ownFile();
    const data = await new BenchmarkCache().get('style', {
      seed: 1,
      trainPerClass: 4,
      valPerClass: 2,
      oodPerClass: 2,
    });
    const src = { kind: 'own' as const, ...own.fit, bytes: own.bytes, seed: 1 };
    const { headKept, ...model } = await loadOwnModel(src, data.sets.train.numClasses);
    expect(headKept).toBe(data.sets.train.numClasses === 10);
    loaded = {
      model,
      data,
      id: 'own-load',
      checkpoint: { file: own.fit.file, sha256: own.fit.sha256 },
    };
  }, 60_000);

  it('in the run record (valid for the stored-run check), the Metrics JSON, the project and the weights file', () => {
    resetSession();
    resetSavedRuns();
    useStore.getState().resetConfig();
    useStore.getState().set('weights', OWN_WEIGHTS);
    useStore.getState().receive({ type: 'loaded', requestId: 1, info: describeLoaded(loaded) });
    useStore
      .getState()
      .begin(useStore.getState().config, useStore.getState().hash(), 1_700_000_000_000);
    for (const { e } of fakeRunEvents(loaded.model.def, {
      methods: ['sgd'],
      steps: 2,
      evalEvery: 1,
    }))
      useStore.getState().receive(e);
    const run = useStore.getState().pageRun;
    const ref = { file: 'mine.safetensors', sha256: own.fit.sha256 };
    expect(run?.loaded?.checkpoint).toEqual(ref);
    expect(run?.hash).toContain('model=own');
    expect(checkSummary(JSON.parse(JSON.stringify(run))).loaded?.checkpoint).toEqual(ref);
    const damaged = {
      ...run,
      loaded: { ...run?.loaded, checkpoint: { file: 'x', sha256: 'not-a-hash' } },
    };
    expect(() => checkSummary(damaged)).toThrow(Damage);

    expect(
      (JSON.parse(metricsJsonOf(useStore.getState())) as MetricsFile).loaded?.checkpoint,
    ).toEqual(ref);

    const req = projectRequestOf(useStore.getState());
    expect(req?.model).toEqual({ kind: 'own', ...ref, seed: useStore.getState().config.seed });
    let reply: WorkerEvent | null = null;
    exportProject(
      { type: 'export-project', requestId: 7, ...(req as NonNullable<typeof req>) },
      loaded,
      (e) => (reply = e),
    );
    const r = reply as WorkerEvent | null;
    if (r?.type !== 'project-exported') throw new Error('no project');
    const files = unzipSync(new Uint8Array(r.bytes));
    const file = (n: string): Uint8Array =>
      Object.entries(files).find(([k]) => k.endsWith(`/${n}`))?.[1] as Uint8Array;
    expect((JSON.parse(strFromU8(file('recipe.json'))) as ProjectRecipe).model).toMatchObject({
      checkpoint: null,
      own: ref,
    });
    expect(strFromU8(file('README.md'))).toContain(
      `your own checkpoint \`mine.safetensors\` (SHA-256 ${own.fit.sha256})`,
    );
    expect(readSafetensors(file('start.safetensors'), { maxTensors: 500 }).metadata).toMatchObject({
      own_file: ref.file,
      own_sha256: ref.sha256,
      method: 'start',
    });

    const w = exportWeights(loaded, new Map(), { type: 'export', requestId: 8 });
    expect(readSafetensors(new Uint8Array(w.bytes), { maxTensors: 500 }).metadata).toMatchObject({
      own_file: ref.file,
      own_sha256: ref.sha256,
    });
  });

  it('with model=own and nothing loaded, no project is offered rather than a wrong one', () => {
    resetSession();
    resetSavedRuns();
    useStore.getState().resetConfig();
    useStore.getState().set('weights', OWN_WEIGHTS);
    expect(projectRequestOf(useStore.getState())).toBeNull();
  });
});
