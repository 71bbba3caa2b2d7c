import { beforeEach, describe, expect, it } from 'vitest';
import type { StepEvent, EvalEvent } from '../../../src/core/train/events';
import { MemoryRunDb } from '../../../src/ui/saved-runs/memory-run-db';
import { newRunId, resultsOf, shownStatus } from '../../../src/ui/saved-runs/run-record';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { toHash } from '../../../src/ui/settings/url-hash';
import { resetSavedRuns, useStore, resetSession } from '../../../src/ui/store/store';
import type { LoadedInfo } from '../../../src/protocol/messages';

const step = (n: number): StepEvent => ({
  type: 'step',
  step: n,
  epoch: 0,
  totalSteps: 2,
  loss: 1 / n,
  lr: 0.01,
  gradNorms: { perParam: {}, perLayer: {}, perGroup: { embed: 1, body: 2, head: 3 }, total: 4 },
  stepMs: 5,
  imagesPerSec: 6,
});
const evalAt = (n: number, id: number, ood: number): EvalEvent => ({
  type: 'eval',
  step: n,
  epoch: 0,
  id: { n: 4, accuracy: id },
  ood: { n: 4, accuracy: ood, worstGroup: ood / 2 },
  drift: { patch_embed: 0.1 },
});
const loaded: LoadedInfo = {
  family: 'vit',
  params: 10,
  embedParams: 2,
  layers: ['patch_embed'],
  embedLayers: ['patch_embed'],
  numClasses: 2,
  classNames: ['a', 'b'],
  sizes: { train: 4, idVal: 4, ood: 4 },
  idMetric: 'accuracy',
  oodMetric: 'accuracy',
};
const progress = { methodId: 'sgd', methodIndex: 0, methods: 1, step: 1, totalSteps: 2, etaMs: 1 };

/** The page's order: the session applies an event, then the history records it. */
function feed(e: Parameters<ReturnType<typeof useStore.getState>['apply']>[0], now: number): void {
  useStore.getState().apply(e);
  useStore.getState().record(e, now);
}

describe('run history', () => {
  let db: MemoryRunDb;
  beforeEach(async () => {
    resetSession();
    resetSavedRuns();
    db = new MemoryRunDb();
    await useStore.getState().attach(db);
    useStore.getState().apply({ type: 'loaded', requestId: 1, info: loaded });
  });

  it('writes a running record at the start and the metrics at the end', async () => {
    const config = { ...defaultSettings(), seed: 3, methods: ['sgd'] };
    useStore.getState().begin(config, toHash(config), 1000);
    await useStore.getState().saving;
    expect(useStore.getState().runs).toMatchObject([
      { status: 'running', config: { seed: 3 }, hash: toHash(config) },
    ]);
    const id = useStore.getState().runs[0]?.id as string;
    expect(shownStatus(useStore.getState().runs[0]!, useStore.getState().active?.id ?? null)).toBe(
      'running',
    );

    feed({ type: 'eval', methodId: 'sgd', event: evalAt(0, 0.5, 0.4) }, 1100);
    feed(
      {
        type: 'metrics',
        steps: [
          { methodId: 'sgd', event: step(1) },
          { methodId: 'sgd', event: step(2) },
        ],
        progress,
      },
      1200,
    );
    feed({ type: 'eval', methodId: 'sgd', event: evalAt(2, 0.75, 0.5) }, 1300);
    feed({ type: 'run-done', status: 'finished' }, 1400);
    await useStore.getState().saving;

    const rec = await db.get(id);
    expect(rec).toMatchObject({
      status: 'finished',
      endedAt: 1400,
      loaded: { family: 'vit' },
      results: [{ methodId: 'sgd', steps: 2, id: 0.75, ood: 0.5 }],
    });
    expect(rec?.methods.sgd?.steps.map((s) => s.step)).toEqual([1, 2]);
    expect(rec?.methods.sgd?.evals).toHaveLength(2);
    expect(useStore.getState().active).toBeNull();
    expect(useStore.getState().runs[0]?.status).toBe('finished');
  });

  it('a run still marked running after a reload shows as interrupted, with the metrics saved so far', async () => {
    useStore.getState().begin(defaultSettings(), '#seed=0', 0);
    feed({ type: 'metrics', steps: [{ methodId: 'sgd', event: step(1) }], progress }, 10);
    feed({ type: 'eval', methodId: 'sgd', event: evalAt(1, 0.6, 0.3) }, 6000); // >= 5 s after the start: a partial save
    await useStore.getState().saving;
    // "Reload": a fresh page attaches to the same database, with no active run.
    resetSavedRuns();
    await useStore.getState().attach(db);
    const [r] = useStore.getState().runs;
    expect(r?.status).toBe('running');
    expect(shownStatus(r!, useStore.getState().active?.id ?? null)).toBe('interrupted');
    expect((await db.get(r!.id))?.methods.sgd?.steps).toHaveLength(1);
  });

  it('reopens a saved run into the session store, and deletes runs', async () => {
    useStore.getState().begin(defaultSettings(), '#', 0);
    feed({ type: 'metrics', steps: [{ methodId: 'adamw', event: step(1) }], progress }, 1);
    feed({ type: 'run-done', status: 'stopped' }, 2);
    useStore.getState().begin(defaultSettings(), '#', 3);
    feed({ type: 'crashed', message: 'boom', restarted: true }, 4);
    await useStore.getState().saving;
    const runs = useStore.getState().runs;
    expect(runs.map((r) => r.status)).toEqual(['failed', 'stopped']); // newest first
    expect(runs[0]?.error).toMatch(/crashed: boom/);

    resetSession();
    const rec = await useStore.getState().load(runs[1]!.id);
    useStore.getState().show(rec!.id, rec!.methods, rec!.loaded);
    expect(useStore.getState()).toMatchObject({ viewing: runs[1]!.id, loaded: { family: 'vit' } });
    expect(Object.keys(useStore.getState().methods)).toEqual(['adamw']);

    await useStore.getState().remove(runs[0]!.id);
    expect(useStore.getState().runs.map((r) => r.id)).toEqual([runs[1]!.id]);
    expect(await db.get(runs[0]!.id)).toBeUndefined();
  });

  it('a run the worker refuses before any step is saved as failed, with the reason', async () => {
    useStore.getState().begin(defaultSettings(), '#', 0);
    feed(
      {
        type: 'error',
        kind: 'internal',
        error: { name: 'Error', message: 'A run is already in progress.' },
        recoverable: false,
      },
      1,
    );
    feed({ type: 'run-done', status: 'failed' }, 2); // a late run-done (from the other run) changes nothing
    await useStore.getState().saving;
    expect(useStore.getState().runs).toMatchObject([
      { status: 'failed', error: 'A run is already in progress.', endedAt: 1 },
    ]);
  });

  it('results use the worst group where the benchmark reports it; run ids sort by time', () => {
    const methods = {
      sgd: { steps: [step(1)], evals: [evalAt(1, 0.9, 0.6)] },
      frozen: { steps: [], evals: [] },
    };
    expect(resultsOf(methods, true)).toEqual([
      { methodId: 'sgd', steps: 1, id: 0.9, ood: 0.3 },
      { methodId: 'frozen', steps: 0 },
    ]);
    expect(newRunId(0, () => 0)).toBe('1970-01-01T00-00-00-000Z-0000');
    expect(newRunId(1000) > newRunId(0)).toBe(true);
  });
});
