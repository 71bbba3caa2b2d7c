/**
 * Stored runs are checked on read (src/ui/saved-runs/read-stored.ts): a record written by a real
 * (simulated) run passes; each kind of damage is refused with a reason naming the field, is
 * listed apart as damaged while the other runs stay listed, can be exported raw and deleted;
 * a count of 10^9 is refused before anything loops over it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { checkV1, checkV2 } from '../../../src/ui/saved-runs/check-metrics';
import { checkConfig, checkSummary } from '../../../src/ui/saved-runs/check-summary';
import { MemoryRunDb } from '../../../src/ui/saved-runs/memory-run-db';
import { rawRunFilename, rawRunJson } from '../../../src/ui/saved-runs/raw-json';
import { DamagedRecordError, readRecord } from '../../../src/ui/saved-runs/read-stored';
import { problemOf } from '../../../src/ui/saved-runs/stored-checks';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { resetSavedRuns, resetSession, useStore } from '../../../src/ui/store/store';
import { fakeRunEvents, loadedInfoOf, vitDef } from '../../helpers/fake-run';

const def = vitDef();

interface Stored {
  summary: Record<string, unknown>;
  metrics: { methods: Record<string, Record<string, unknown>> };
  pages: {
    methods: Record<string, { steps?: Record<string, unknown>; evals?: Record<string, unknown>[] }>;
  }[];
}

/** A run as the page saves it: two methods, 40 steps, evaluations with filter pictures. */
async function savedRun(db: MemoryRunDb): Promise<string> {
  await useStore.getState().attach(db);
  useStore.getState().apply({ type: 'loaded', requestId: 1, info: loadedInfoOf(def) });
  useStore.getState().begin({ ...defaultSettings(), methods: ['sgd', 'adamw'] }, '#', 0);
  for (const { e, now } of fakeRunEvents(def, {
    methods: ['sgd', 'adamw'],
    steps: 40,
    evalEvery: 10,
  })) {
    useStore.getState().apply(e);
    useStore.getState().record(e, now);
  }
  await useStore.getState().saving;
  return useStore.getState().runs[0]!.id;
}

/** The damage each case does to a copy of the good record, and the reason it must be refused with. */
const SUMMARY_DAMAGE: [string, (s: Stored) => void, RegExp][] = [
  [
    'results not an array',
    (s) => (s.summary.results = { sgd: 1 }),
    /^results: expected an array, found an object$/,
  ],
  ['config missing', (s) => delete s.summary.config, /^config: missing$/],
  [
    'config.weights an object',
    (s) => ((s.summary.config as Record<string, unknown>).weights = { name: 'vit' }),
    /^config\.weights: expected a string, found an object$/,
  ],
  [
    'a step count of 1e9',
    (s) => ((s.summary.results as Record<string, unknown>[])[0]!.steps = 1e9),
    /^results\[0\]\.steps: 1000000000 is over 10000000$/,
  ],
  [
    'a learning rate out of range',
    (s) => ((s.summary.config as Record<string, unknown>).lrAdamw = 5),
    /^config\.lrAdamw: 5 is not a valid AdamW learning rate$/,
  ],
  [
    'status junk',
    (s) => (s.summary.status = 7),
    /^status: expected one of running, finished, stopped, failed, found 7$/,
  ],
  [
    'startedAt a string',
    (s) => (s.summary.startedAt = 'yesterday'),
    /^startedAt: expected a finite number, found the string "yesterday"$/,
  ],
  [
    'a newer record version',
    (s) => (s.summary.version = 3),
    /^version: 3: saved by a newer version/,
  ],
  [
    'loaded.layers not an array',
    (s) => ((s.summary.loaded as Record<string, unknown>).layers = 'patch_embed'),
    /^loaded\.layers: expected an array/,
  ],
];

const METRICS_DAMAGE: [string, (s: Stored) => void, RegExp][] = [
  [
    'evaluations lacking id',
    (s) => delete s.pages[0]!.methods.sgd!.evals![0]!.id,
    /^pages\[0\]\.methods\.sgd\.evals\[0\]\.id: expected an object, found missing$/,
  ],
  [
    'a page step count of 1e9',
    (s) => (s.pages[0]!.methods.sgd!.steps!.n = 1e9),
    /^pages\[0\]\.methods\.sgd\.steps\.n: 1000000000 is over 4096$/,
  ],
  [
    'a step number of 1e9',
    (s) => ((s.pages[0]!.methods.sgd!.steps!.scalars as Float64Array)[0] = 1e9),
    /steps\[0\]\.step: 1000000000 is over 10000000$/,
  ],
  [
    'step columns shorter than n',
    (s) => (s.pages[0]!.methods.sgd!.steps!.scalars = new Float64Array(9)),
    /scalars: 9 values for \d+ steps/,
  ],
  [
    'a filter shape of 1e9 channels',
    (s) =>
      ((
        s.metrics.methods.sgd!.filters as Record<string, Record<string, unknown>>[]
      )[0]!.filters!.shape = [7, 7, 3, 1e9]),
    /filters\[0\]\.filters\.shape\[3\]: 1000000000 is over 1000000$/,
  ],
  [
    'a stride of 0',
    (s) => (s.metrics.methods.sgd!.stride = { steps: 0, evals: 1 }),
    /stride\.steps: a stride must be at least 1$/,
  ],
  [
    'pages not an array',
    (s) => (s.pages = 'none' as unknown as Stored['pages']),
    /^pages: expected an array/,
  ],
  [
    'metrics a number',
    (s) => (s.metrics = 42 as unknown as Stored['metrics']),
    /^metrics: expected an object, found 42$/,
  ],
];

describe('stored runs checked on read', () => {
  let db: MemoryRunDb;
  let id: string;
  let good: Stored;
  beforeEach(async () => {
    resetSession();
    resetSavedRuns();
    db = new MemoryRunDb();
    id = await savedRun(db);
    const raw = await db.raw(id);
    good = raw as unknown as Stored;
  });

  const copy = (): Stored => structuredClone(good);
  /** The reason readRecord gives for refusing `s`, or null when it reads. */
  const read = (s: Stored): string | null => {
    try {
      readRecord('x', s.summary, s.metrics, s.pages);
      return null;
    } catch (e) {
      expect(e).toBeInstanceOf(DamagedRecordError);
      return (e as DamagedRecordError).reason;
    }
  };

  it('a record the page saved passes every check and reads back as before', async () => {
    expect(read(copy())).toBeNull();
    const rec = await db.get(id);
    expect(Object.keys(rec!.methods)).toEqual(['sgd', 'adamw']);
    expect(rec!.methods.sgd!.steps.at(-1)?.step).toBe(40);
    expect(useStore.getState().damaged).toEqual([]);
  });

  for (const [name, damage, reason] of [...SUMMARY_DAMAGE, ...METRICS_DAMAGE]) {
    it(`refuses ${name}, naming the field`, () => {
      const s = copy();
      damage(s);
      const t = performance.now();
      expect(read(s)).toMatch(reason);
      expect(performance.now() - t).toBeLessThan(1000); // refused before any loop over the count (10^9 rows would take minutes)
    });
  }

  it('junk in place of a summary is refused with what was found', () => {
    for (const [junk, found] of [
      [null, 'null'],
      ['run', 'the string "run"'],
      [[1, 2], 'an array'],
      [new Float32Array(4), 'a Float32Array'],
      [undefined, 'missing'],
    ] as const)
      expect(problemOf(() => checkSummary(junk))).toBe(
        `record: expected an object, found ${found}`,
      );
  });

  it('a config: missing controls take their defaults (older records), lists are parsed, unknown keys dropped', () => {
    const { seed: _seed, ...older } = { ...defaultSettings(), classes: [3, '1', 3], extra: 'x' };
    const c = checkConfig(older);
    expect(c.seed).toBe(defaultSettings().seed);
    expect(c.classes).toEqual([1, 3]);
    expect(c).not.toHaveProperty('extra');
    expect(problemOf(() => checkConfig({ ...defaultSettings(), perClass: 1.5 }))).toMatch(
      /^config\.perClass: 1\.5 is not a valid training images per class$/,
    );
    expect(problemOf(() => checkConfig({ ...defaultSettings(), methods: [{}] }))).toMatch(
      /^config\.methods\[0\]: expected a name or a number, found an object$/,
    );
    expect(problemOf(() => checkConfig({ ...defaultSettings(), augment: 'yes' }))).toMatch(
      /^config\.augment: expected a boolean/,
    );
  });

  it('version 1 metrics: an evaluation without id, or a step of 1e9, is refused', () => {
    const v1 = {
      sgd: { steps: [], evals: [{ step: 1, epoch: 0, ood: { n: 1, accuracy: 1 }, drift: {} }] },
    };
    expect(problemOf(() => checkV1(v1))).toBe(
      'metrics.sgd.evals[0].id: expected an object, found missing',
    );
    const s = { sgd: { steps: [{ step: 1e9 }], evals: [] } };
    expect(problemOf(() => checkV1(s))).toBe(
      'metrics.sgd.steps[0].step: 1000000000 is over 10000000',
    );
    expect(problemOf(() => checkV2(undefined, []))).toBeNull(); // a summary whose metrics were never written: no methods
  });

  it('a damaged summary is listed apart; the other runs stay listed; Export raw keeps it as stored; Delete removes it', async () => {
    const s = copy();
    s.summary.results = { not: 'an array' };
    s.summary.id = 'bad';
    db.summaries.set('bad', s.summary);
    db.metrics.set('bad', s.metrics);
    await useStore.getState().attach(db);
    const st = useStore.getState();
    expect(st.runs.map((r) => r.id)).toEqual([id]);
    expect(st.damaged).toEqual([
      { key: 'bad', reason: 'results: expected an array, found an object', startedAt: 0 },
    ]);

    const raw = await db.raw('bad');
    const json = JSON.parse(rawRunJson('bad', raw!)) as {
      key: string;
      summary: { results: unknown };
      pages: unknown[];
    };
    expect(json.key).toBe('bad');
    expect(json.summary.results).toEqual({ not: 'an array' });
    expect(rawRunFilename('../a b')).toBe('damaged-run-.._a_b.json');

    await useStore.getState().remove('bad');
    expect(useStore.getState().damaged).toEqual([]);
    expect(useStore.getState().runs.map((r) => r.id)).toEqual([id]);
    expect(db.summaries.has('bad')).toBe(false);
  });

  it('raw JSON keeps typed arrays and non-finite numbers rather than turning them into null', () => {
    const json = rawRunJson('k', {
      summary: { loss: NaN, big: -Infinity },
      metrics: null,
      pages: [{ v: new Float32Array([1, NaN]) }],
    });
    expect(JSON.parse(json)).toEqual({
      key: 'k',
      summary: { loss: 'NaN', big: '-Infinity' },
      metrics: null,
      pages: [{ v: { Float32Array: [1, 'NaN'] } }],
    });
  });

  it('Show of a record whose evaluations lack id: refused with the reason, and the run moves to the damaged list', async () => {
    const pages = db.pages.get(id)!;
    const first = pages.get(0) as Stored['pages'][number];
    for (const e of first.methods.sgd!.evals!) delete e.id;
    await expect(useStore.getState().load(id)).rejects.toBeInstanceOf(DamagedRecordError);
    const st = useStore.getState();
    expect(st.runs).toEqual([]);
    expect(st.damaged).toEqual([
      {
        key: id,
        reason: 'pages[0].methods.sgd.evals[0].id: expected an object, found missing',
        startedAt: 0,
      },
    ]);
    expect(st.viewing).toBeNull(); // nothing was put into the tables and charts
  });
});
