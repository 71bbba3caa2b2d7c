import { beforeEach, describe, expect, it } from 'vitest';
import type { StepEvent, EvalEvent } from '../../../src/core/train/events';
import { MemoryRunDb } from '../../../src/ui/history/memory-run-db';
import { newRunId, resultsOf, shownStatus } from '../../../src/ui/history/run-record';
import { defaultConfig } from '../../../src/ui/settings/settings-table';
import { toHash } from '../../../src/ui/settings/url-hash';
import { resetHistory, useHistory } from '../../../src/ui/store/history-store';
import { resetSession, useSession } from '../../../src/ui/store/session-store';
import type { LoadedInfo } from '../../../src/protocol/messages';

const step = (n: number): StepEvent => ({ type: 'step', step: n, epoch: 0, totalSteps: 2, loss: 1 / n, lr: 0.01, gradNorms: { perParam: {}, perLayer: {}, perGroup: { embed: 1, body: 2, head: 3 }, total: 4 }, stepMs: 5, imagesPerSec: 6 });
const evalAt = (n: number, id: number, ood: number): EvalEvent => ({ type: 'eval', step: n, epoch: 0, id: { n: 4, accuracy: id }, ood: { n: 4, accuracy: ood, worstGroup: ood / 2 }, drift: { patch_embed: 0.1 } });
const loaded: LoadedInfo = { family: 'vit', params: 10, embedParams: 2, layers: ['patch_embed'], embedLayers: ['patch_embed'], numClasses: 2, classNames: ['a', 'b'], sizes: { train: 4, idVal: 4, ood: 4 }, idMetric: 'accuracy', oodMetric: 'accuracy' };
const progress = { methodId: 'sgd', methodIndex: 0, methods: 1, step: 1, totalSteps: 2, etaMs: 1 };

/** The page's order: the session applies an event, then the history records it. */
function feed(e: Parameters<ReturnType<typeof useSession.getState>['apply']>[0], now: number): void {
  useSession.getState().apply(e);
  useHistory.getState().record(e, now);
}

describe('run history', () => {
  let db: MemoryRunDb;
  beforeEach(async () => {
    resetSession();
    resetHistory();
    db = new MemoryRunDb();
    await useHistory.getState().attach(db);
    useSession.getState().apply({ type: 'loaded', info: loaded });
  });

  it('writes a running record at the start and the metrics at the end', async () => {
    const config = { ...defaultConfig(), seed: 3, methods: ['sgd'] };
    useHistory.getState().begin(config, toHash(config), 1000);
    await useHistory.getState().saving;
    expect(useHistory.getState().runs).toMatchObject([{ status: 'running', config: { seed: 3 }, hash: toHash(config) }]);
    const id = useHistory.getState().runs[0]?.id as string;
    expect(shownStatus(useHistory.getState().runs[0]!, useHistory.getState().active?.id ?? null)).toBe('running');

    feed({ type: 'eval', methodId: 'sgd', event: evalAt(0, 0.5, 0.4) }, 1100);
    feed({ type: 'metrics', steps: [{ methodId: 'sgd', event: step(1) }, { methodId: 'sgd', event: step(2) }], progress }, 1200);
    feed({ type: 'eval', methodId: 'sgd', event: evalAt(2, 0.75, 0.5) }, 1300);
    feed({ type: 'run-done', status: 'finished' }, 1400);
    await useHistory.getState().saving;

    const rec = await db.get(id);
    expect(rec).toMatchObject({ status: 'finished', endedAt: 1400, loaded: { family: 'vit' }, results: [{ methodId: 'sgd', steps: 2, id: 0.75, ood: 0.5 }] });
    expect(rec?.methods.sgd?.steps.map((s) => s.step)).toEqual([1, 2]);
    expect(rec?.methods.sgd?.evals).toHaveLength(2);
    expect(useHistory.getState().active).toBeNull();
    expect(useHistory.getState().runs[0]?.status).toBe('finished');
  });

  it('a run still marked running after a reload shows as interrupted, with the metrics saved so far', async () => {
    useHistory.getState().begin(defaultConfig(), '#seed=0', 0);
    feed({ type: 'metrics', steps: [{ methodId: 'sgd', event: step(1) }], progress }, 10);
    feed({ type: 'eval', methodId: 'sgd', event: evalAt(1, 0.6, 0.3) }, 6000); // >= 5 s after the start: a partial save
    await useHistory.getState().saving;
    // "Reload": a fresh page attaches to the same database, with no active run.
    resetHistory();
    await useHistory.getState().attach(db);
    const [r] = useHistory.getState().runs;
    expect(r?.status).toBe('running');
    expect(shownStatus(r!, useHistory.getState().active?.id ?? null)).toBe('interrupted');
    expect((await db.get(r!.id))?.methods.sgd?.steps).toHaveLength(1);
  });

  it('reopens a saved run into the session store, and deletes runs', async () => {
    useHistory.getState().begin(defaultConfig(), '#', 0);
    feed({ type: 'metrics', steps: [{ methodId: 'adamw', event: step(1) }], progress }, 1);
    feed({ type: 'run-done', status: 'stopped' }, 2);
    useHistory.getState().begin(defaultConfig(), '#', 3);
    feed({ type: 'crashed', message: 'boom', restarted: true }, 4);
    await useHistory.getState().saving;
    const runs = useHistory.getState().runs;
    expect(runs.map((r) => r.status)).toEqual(['failed', 'stopped']); // newest first
    expect(runs[0]?.error).toMatch(/crashed: boom/);

    resetSession();
    const rec = await useHistory.getState().load(runs[1]!.id);
    useSession.getState().show(rec!.id, rec!.methods, rec!.loaded);
    expect(useSession.getState()).toMatchObject({ viewing: runs[1]!.id, loaded: { family: 'vit' } });
    expect(Object.keys(useSession.getState().methods)).toEqual(['adamw']);

    await useHistory.getState().remove(runs[0]!.id);
    expect(useHistory.getState().runs.map((r) => r.id)).toEqual([runs[1]!.id]);
    expect(await db.get(runs[0]!.id)).toBeUndefined();
  });

  it('a run the worker refuses before any step is saved as failed, with the reason', async () => {
    useHistory.getState().begin(defaultConfig(), '#', 0);
    feed({ type: 'error', kind: 'internal', error: { name: 'Error', message: 'A run is already in progress.' }, recoverable: false }, 1);
    feed({ type: 'run-done', status: 'failed' }, 2); // a late run-done (from the other run) changes nothing
    await useHistory.getState().saving;
    expect(useHistory.getState().runs).toMatchObject([{ status: 'failed', error: 'A run is already in progress.', endedAt: 1 }]);
  });

  it('results use the worst group where the benchmark reports it; run ids sort by time', () => {
    const methods = { sgd: { steps: [step(1)], evals: [evalAt(1, 0.9, 0.6)] }, frozen: { steps: [], evals: [] } };
    expect(resultsOf(methods, true)).toEqual([{ methodId: 'sgd', steps: 1, id: 0.9, ood: 0.3 }, { methodId: 'frozen', steps: 0 }]);
    expect(newRunId(0, () => 0)).toBe('1970-01-01T00-00-00-000Z-0000');
    expect(newRunId(1000) > newRunId(0)).toBe(true);
  });
});
