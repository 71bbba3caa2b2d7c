/**
 * The worker's PyTorch project is built from the load a run trained on, or not at all: each
 * load gets a new id (LoadedInfo.loadId, kept in the run's record); an export-project naming
 * an older load is refused with a message that says what to do, and loses nothing (the
 * session stays idle, a later export of the current load works). Real Session, fake ports.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedInfo, WorkerEvent } from '../../../src/protocol/messages';
import { DATA, FakeSession, MODEL, runSpec } from '../../helpers/fake-session';

afterEach(() => FakeSession.settleAll());

async function load(h: FakeSession): Promise<LoadedInfo> {
  const e = await h.answer(h.send({ type: 'load', model: MODEL, data: DATA }).id);
  if (e.type !== 'loaded') throw new Error(`load answered ${e.type}`);
  return e.info;
}

describe('export-project and the load it describes', () => {
  it('refuses a project of a load the worker no longer holds, and builds the current one', async () => {
    const h = new FakeSession();
    await h.answer(h.send({ type: 'init', baseUrl: 'http://localhost/' }).id);
    const first = await load(h);
    const second = await load(h);
    expect(first.loadId).toEqual(expect.any(String));
    expect(second.loadId).not.toBe(first.loadId);

    const run = runSpec({ epochs: 1 });
    const stale = await h.answer(h.send({ type: 'export-project', run, model: MODEL, loadId: first.loadId, origin: { from: 'run', runId: 'r1' } }).id);
    expect(stale.type).toBe('error');
    expect((stale as Extract<WorkerEvent, { type: 'error' }>).error.message).toMatch(/no longer holds this run's starting weights and data \(a Load since replaced them\).*press Train/);
    expect(h.status).toBe('idle');

    const ok = await h.answer(h.send({ type: 'export-project', run, model: MODEL, loadId: second.loadId, origin: { from: 'run', runId: 'r2' } }).id);
    expect(ok.type).toBe('project-exported');
  }, 60_000);
});
