/**
 * The history keeps at most RUN_CAP runs (src/ui/saved-runs/run-cap.ts): at the cap the run the
 * next start would delete is named beforehand; a start deletes the oldest to make room (never
 * the run going on, never a damaged record) and says which.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryRunDb } from '../../../src/ui/saved-runs/memory-run-db';
import { nextToGo, RUN_CAP, runsToMakeRoom } from '../../../src/ui/saved-runs/run-cap';
import { newRunId, RECORD_VERSION, type RunSummary } from '../../../src/ui/saved-runs/run-record';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { resetSavedRuns, resetSession, useStore } from '../../../src/ui/store/store';

const at = (i: number): number => Date.UTC(2026, 0, 1) + i * 60_000;
const summary = (i: number): RunSummary => ({
  version: RECORD_VERSION,
  id: newRunId(at(i), () => 0.5),
  startedAt: at(i),
  endedAt: at(i) + 1,
  status: 'finished',
  hash: '#',
  config: defaultSettings(),
  loaded: null,
  results: [],
});
/** n runs, newest first (as listed). */
const runs = (n: number): RunSummary[] => Array.from({ length: n }, (_, i) => summary(n - 1 - i));

describe('the cap on saved runs', () => {
  it(`is ${RUN_CAP}: below it nothing goes; at it the oldest; the run going on and damaged records never`, () => {
    expect(RUN_CAP).toBe(50);
    expect(runsToMakeRoom(runs(49), 0, null)).toEqual([]);
    expect(nextToGo(runs(48), 0, null)).toBeNull();
    expect(runsToMakeRoom(runs(50), 0, null).map((r) => r.startedAt)).toEqual([at(0)]);
    expect(runsToMakeRoom(runs(52), 0, null).map((r) => r.startedAt)).toEqual([
      at(0),
      at(1),
      at(2),
    ]);
    // Two damaged records count towards the cap: three valid runs go for one more.
    expect(runsToMakeRoom(runs(50), 2, null).map((r) => r.startedAt)).toEqual([
      at(0),
      at(1),
      at(2),
    ]);
    const all = runs(50);
    const oldest = all.at(-1)!;
    expect(runsToMakeRoom(all, 0, oldest.id).map((r) => r.startedAt)).toEqual([at(1)]);
    expect(nextToGo(all, 0, null)).toBe(oldest);
  });

  describe('in the store', () => {
    let db: MemoryRunDb;
    beforeEach(async () => {
      resetSession();
      resetSavedRuns();
      db = new MemoryRunDb();
    });

    async function fill(n: number): Promise<void> {
      for (let i = 0; i < n; i++) await db.write({ summary: summary(i), headers: { methods: {} } });
      await useStore.getState().attach(db);
    }

    it('a start at the cap deletes the oldest run, names it, and keeps the new one: 50 runs stay', async () => {
      await fill(RUN_CAP);
      expect(nextToGo(useStore.getState().runs, 0, null)?.startedAt).toBe(at(0));
      useStore.getState().begin(defaultSettings(), '#', at(100));
      await useStore.getState().saving;
      const st = useStore.getState();
      expect(st.runs).toHaveLength(RUN_CAP);
      expect(st.runs[0]?.startedAt).toBe(at(100));
      expect(st.runs.some((r) => r.startedAt === at(0))).toBe(false);
      expect(st.madeRoom.map((r) => r.startedAt)).toEqual([at(0)]);
      expect(db.summaries.size).toBe(RUN_CAP);
    });

    it('below the cap a start deletes nothing', async () => {
      await fill(RUN_CAP - 2);
      useStore.getState().begin(defaultSettings(), '#', at(100));
      await useStore.getState().saving;
      expect(useStore.getState().runs).toHaveLength(RUN_CAP - 1);
      expect(useStore.getState().madeRoom).toEqual([]);
    });

    it('a damaged record is not deleted to make room: the oldest valid run goes instead', async () => {
      await fill(RUN_CAP - 1);
      db.summaries.set('0000-damaged', { id: '0000-damaged', startedAt: 1, results: 'x' });
      await useStore.getState().attach(db);
      expect(useStore.getState().damaged).toHaveLength(1);
      useStore.getState().begin(defaultSettings(), '#', at(100));
      await useStore.getState().saving;
      expect(db.summaries.has('0000-damaged')).toBe(true);
      expect(useStore.getState().madeRoom.map((r) => r.startedAt)).toEqual([at(0)]);
      expect(db.summaries.size).toBe(RUN_CAP);
    });
  });
});
