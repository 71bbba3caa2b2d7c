/**
 * Saved records since version 2: each save appends a page with only what came since the last
 * one, steps as typed columns, filter pictures as Float32 in the header; long runs compact; a
 * reopened record equals what the page showed; version 1 records still open.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { StepEvent } from '../../../src/core/train/events';
import { HISTORY_LIMITS } from '../../../src/ui/store/method-history-bounds';
import { MemoryRunDb } from '../../../src/ui/saved-runs/memory-run-db';
import { packSteps, unpackSteps } from '../../../src/ui/saved-runs/packed-steps';
import type { RunWrite } from '../../../src/ui/saved-runs/run-db';
import type { MetricsPage, StoredHeaders } from '../../../src/ui/saved-runs/run-pages';
import type { RunSummary } from '../../../src/ui/saved-runs/run-record';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { resetSavedRuns, useStore, resetSession } from '../../../src/ui/store/store';
import type { MethodHistory } from '../../../src/ui/store/method-history';
import { fakeRunEvents, loadedInfoOf, vitDef, type FakeRun } from '../../helpers/fake-run';

const def = vitDef();

/** Feeds a simulated run to the stores as the page does; returns every write the database got. */
async function runThrough(db: MemoryRunDb, run: FakeRun): Promise<RunWrite[]> {
  const writes: RunWrite[] = [];
  const write = db.write.bind(db);
  db.write = async (w) => {
    writes.push(w);
    return write(w);
  };
  await useStore.getState().attach(db);
  useStore.getState().apply({ type: 'loaded', requestId: 1, info: loadedInfoOf(def) });
  useStore.getState().begin(defaultSettings(), '#', 0);
  for (const { e, now } of fakeRunEvents(def, run)) {
    useStore.getState().apply(e);
    useStore.getState().record(e, now);
  }
  await useStore.getState().saving;
  return writes;
}

const pageSteps = (w: RunWrite, id: string): number => w.page?.data.methods[id]?.steps?.n ?? 0;

describe('packed steps', () => {
  it('round-trip: scalars exactly, norms as float32, null (frozen) and absent keys and a missing trainingBytes kept apart', () => {
    const a: StepEvent = {
      type: 'step',
      step: 1,
      epoch: 0,
      totalSteps: 9,
      loss: 2.302585092994046,
      lr: 0.01,
      gradNorms: {
        perParam: { 'w.weight': 0.1, 'w.bias': 0.2 },
        perLayer: { w: 0.3, stem: null },
        perGroup: { embed: null, body: 0.4, head: 0.5 },
        total: 0.6,
      },
      stepMs: 12.5,
      imagesPerSec: 2560,
      trainingBytes: 123_456_789,
    };
    const b: StepEvent = {
      ...a,
      step: 2,
      loss: NaN,
      gradNorms: {
        perParam: { 'w.weight': Infinity },
        perLayer: { w: 0.7 },
        perGroup: { embed: 1, body: 2, head: 3 },
        total: 4,
      },
    };
    delete b.trainingBytes;
    const packed = packSteps([a, b]);
    expect(packed.scalars).toBeInstanceOf(Float64Array);
    expect(packed.norms).toBeInstanceOf(Float32Array);
    const [ra, rb] = unpackSteps(structuredClone(packed));
    const f = Math.fround;
    expect(ra).toEqual({
      ...a,
      gradNorms: {
        perParam: { 'w.weight': f(0.1), 'w.bias': f(0.2) },
        perLayer: { w: f(0.3), stem: null },
        perGroup: { embed: null, body: f(0.4), head: f(0.5) },
        total: 0.6,
      },
    });
    expect(rb).toEqual({
      ...b,
      gradNorms: {
        perParam: { 'w.weight': Infinity },
        perLayer: { w: f(0.7) },
        perGroup: { embed: 1, body: 2, head: 3 },
        total: 4,
      },
    });
    expect(rb).not.toHaveProperty('trainingBytes');
  });
});

describe('saved records (version 2)', () => {
  let db: MemoryRunDb;
  beforeEach(() => {
    resetSession();
    resetSavedRuns();
    db = new MemoryRunDb();
  });

  it('each save appends a page of only what came since the last one; pictures go in the header as Float32', async () => {
    const writes = await runThrough(db, {
      methods: ['sgd', 'sgd-freeze'],
      steps: 276,
      evalEvery: 23,
      frozen: ['sgd-freeze'],
      msPerRound: 500,
    });
    const pages = writes.filter((w) => w.page);
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.every((w) => !w.page?.replaces)).toBe(true); // a short run never compacts
    expect(pages.map((w) => w.page?.seq)).toEqual(pages.map((_, i) => i));
    for (const id of ['sgd', 'sgd-freeze']) {
      // Together the pages hold each step once, in order: nothing written twice.
      expect(pages.reduce((n, w) => n + pageSteps(w, id), 0)).toBe(276);
      expect(Math.max(...pages.map((w) => pageSteps(w, id)))).toBeLessThanOrEqual(2 * 23);
      for (const w of pages)
        for (const e of w.page?.data.methods[id]?.evals ?? []) expect(e.filters).toBeUndefined();
    }
    const headers = (await db.metrics.get(writes[0]!.summary.id)) as StoredHeaders;
    const pictures = headers.methods.sgd?.filters ?? [];
    expect(pictures.map((p) => p.step)).toEqual([0, 253, 276]);
    expect(pictures[0]?.filters.values).toBeInstanceOf(Float32Array);
    expect(pictures[0]?.filters.values).toHaveLength(7 * 7 * 3 * 64);

    const rec = await db.get(writes[0]!.summary.id);
    const shown = useStore.getState().methods;
    expect(rec?.status).toBe('finished');
    expect(rec?.version).toBe(2);
    for (const id of ['sgd', 'sgd-freeze']) expectSame(rec!.methods[id]!, shown[id]!);
  });

  it('a long run compacts: the record stays within a few times what the page holds, and reopens as the page showed it', async () => {
    const writes = await runThrough(db, {
      methods: ['sgd', 'adamw'],
      steps: 5000,
      evalEvery: 50,
      batch: 40,
      msPerRound: 200,
    });
    const pages = writes.filter((w) => w.page);
    expect(pages.filter((w) => w.page?.replaces).length).toBeGreaterThan(0);
    const id = writes[0]!.summary.id;
    const stored = [...(db.pages.get(id)?.values() ?? [])] as MetricsPage[];
    const shown = useStore.getState().methods;
    const held = Object.values(shown).reduce((n, m) => n + m.steps.length, 0);
    const kept = stored.reduce(
      (n, p) => n + Object.values(p.methods).reduce((k, m) => k + (m.steps?.n ?? 0), 0),
      0,
    );
    expect(held).toBeLessThanOrEqual(2 * (HISTORY_LIMITS.recentSteps + HISTORY_LIMITS.olderSteps));
    expect(kept).toBeLessThanOrEqual(3 * held);
    // No save but a compaction writes more than the steps since the one before.
    for (const w of pages.filter((p) => !p.page?.replaces))
      expect(pageSteps(w, 'sgd')).toBeLessThanOrEqual(HISTORY_LIMITS.recentSteps);
    const rec = await db.get(id);
    for (const m of ['sgd', 'adamw']) expectSame(rec!.methods[m]!, shown[m]!);
  });

  it('a save that fails (storage full) is made good by the next one, which writes everything', async () => {
    const write = db.write.bind(db);
    let n = 0;
    const replaced: boolean[] = [];
    db.write = async (w) => {
      if (++n === 4) throw new Error('QuotaExceededError');
      if (w.page) replaced.push(w.page.replaces);
      return write(w);
    };
    await useStore.getState().attach(db);
    useStore.getState().apply({ type: 'loaded', requestId: 1, info: loadedInfoOf(def) });
    useStore.getState().begin(defaultSettings(), '#', 0);
    const failures: (string | null)[] = [];
    for (const { e, now } of fakeRunEvents(def, {
      methods: ['sgd'],
      steps: 92,
      evalEvery: 23,
      msPerRound: 1000,
    })) {
      useStore.getState().apply(e);
      useStore.getState().record(e, now);
      await useStore.getState().saving;
      failures.push(useStore.getState().failure);
    }
    expect(failures.some((f) => f?.includes('QuotaExceededError'))).toBe(true);
    expect(failures.at(-1)).toBeNull();
    expect(replaced.slice(2, 3)).toEqual([true]); // the write after the failed one
    const rec = await db.get(useStore.getState().runs[0]!.id);
    expectSame(rec!.methods.sgd!, useStore.getState().methods.sgd!);
  });

  it("reads version 1 records (every event in one value, pictures as number[]), within today's bounds", async () => {
    resetSession();
    useStore.getState().apply({ type: 'loaded', requestId: 1, info: loadedInfoOf(def) });
    for (const { e } of fakeRunEvents(def, { methods: ['sgd'], steps: 3000, evalEvery: 100 })) {
      if (e.type === 'metrics')
        useStore.setState((s) => ({
          methods: {
            ...s.methods,
            sgd: {
              ...(s.methods.sgd ?? { evals: [] }),
              steps: [...(s.methods.sgd?.steps ?? []), ...e.steps.map((x) => x.event)],
            },
          },
        }));
      if (e.type === 'eval')
        useStore.setState((s) => ({
          methods: {
            ...s.methods,
            sgd: {
              ...(s.methods.sgd ?? { steps: [] }),
              evals: [...(s.methods.sgd?.evals ?? []), e.event],
            },
          },
        }));
    }
    const v1: MethodHistory = useStore.getState().methods.sgd!; // unbounded, as version 1 kept it
    expect(v1.steps).toHaveLength(3000);
    const summary: RunSummary = {
      version: 1,
      id: 'old',
      startedAt: 0,
      endedAt: 1,
      status: 'finished',
      hash: '#',
      config: defaultSettings(),
      loaded: loadedInfoOf(def),
      results: [],
    };
    db.summaries.set('old', summary);
    db.metrics.set('old', { sgd: v1 });
    const rec = await db.get('old');
    const m = rec!.methods.sgd!;
    expect(m.steps.length).toBeLessThanOrEqual(
      HISTORY_LIMITS.recentSteps + HISTORY_LIMITS.olderSteps,
    );
    expect(m.steps.at(-1)).toEqual(v1.steps.at(-1));
    expect(m.steps[0]).toEqual(v1.steps[0]);
    expect(m.evals).toHaveLength(31);
    expect(m.evals.filter((e) => e.filters).map((e) => e.step)).toEqual([0, 2900, 3000]);
    expect(m.evals.at(-1)?.filters?.values).toEqual(v1.evals.at(-1)?.filters?.values);
    await useStore.getState().attach(db);
    expect(useStore.getState().runs.map((r) => r.id)).toEqual(['old']);
  });
});

/** A reopened method's history against the page's: the same events, norms to float32. */
function expectSame(got: MethodHistory, want: MethodHistory): void {
  expect(got.steps.map((s) => s.step)).toEqual(want.steps.map((s) => s.step));
  expect(got.steps.map((s) => s.loss)).toEqual(want.steps.map((s) => s.loss));
  got.steps.forEach((s, i) => {
    const w = want.steps[i]!;
    for (const [k, v] of Object.entries(w.gradNorms.perLayer))
      expect(s.gradNorms.perLayer[k]).toBe(v === null ? null : Math.fround(v));
    expect(Object.keys(s.gradNorms.perParam)).toEqual(Object.keys(w.gradNorms.perParam));
  });
  expect(got.evals).toEqual(want.evals);
  expect(got.memory).toEqual(want.memory);
  expect(got.done).toEqual(want.done);
  expect(got.stride).toEqual(want.stride);
}
