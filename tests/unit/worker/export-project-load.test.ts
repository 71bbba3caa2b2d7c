/**
 * The worker's PyTorch project is built from the load a run trained on, or not at all: a load's
 * id (LoadedInfo.loadId, kept in the run's record) is a digest of what was loaded, so the same
 * settings loaded again keep it and other weights or other images change it; an export-project
 * naming a load the worker no longer holds is refused with a message that says what to do, and
 * loses nothing (the session stays idle, an export of what it holds works). Real Session, fake ports.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedInfo, WorkerEvent } from '../../../src/protocol/messages';
import type { DataSource, ModelSource } from '../../../src/protocol/messages';
import { DATA, FakeSession, MODEL, runSpec } from '../../helpers/fake-session';
import { tintedSplits } from '../../helpers/synthetic';

afterEach(() => FakeSession.settleAll());

async function load(
  h: FakeSession,
  model: ModelSource = MODEL,
  data: DataSource = DATA,
): Promise<LoadedInfo> {
  const e = await h.answer(h.send({ type: 'load', model, data }).id);
  if (e.type !== 'loaded') throw new Error(`load answered ${e.type}`);
  return e.info;
}

describe('export-project and the load it describes', () => {
  it('refuses a project of a load the worker no longer holds, and builds the current one', async () => {
    const h = new FakeSession();
    await h.answer(h.send({ type: 'init', baseUrl: 'http://localhost/' }).id);
    const first = await load(h);
    expect(first.loadId).toMatch(/^[0-9a-f]{16}$/);
    expect((await load(h)).loadId).toBe(first.loadId); // the same settings again: the same weights and data
    expect((await load(h, { ...MODEL, seed: 2 })).loadId).not.toBe(first.loadId); // another head
    expect((await load(h, MODEL, { ...DATA, images: tintedSplits(14, 3, 2) })).loadId).not.toBe(
      first.loadId,
    ); // other images
    const second = await load(h, { ...MODEL, seed: 2 });

    const run = runSpec({ epochs: 1 });
    const stale = await h.answer(
      h.send({
        type: 'export-project',
        run,
        model: MODEL,
        loadId: first.loadId,
        origin: { from: 'run', runId: 'r1' },
      }).id,
    );
    expect(stale.type).toBe('error');
    expect((stale as Extract<WorkerEvent, { type: 'error' }>).error.message).toMatch(
      /no longer holds this run's starting weights and data \(a Load of other settings since replaced them\).*Use settings.*press Run/,
    );
    expect(h.status).toBe('idle');

    const ok = await h.answer(
      h.send({
        type: 'export-project',
        run,
        model: MODEL,
        loadId: second.loadId,
        origin: { from: 'run', runId: 'r2' },
      }).id,
    );
    expect(ok.type).toBe('project-exported');
  }, 60_000);
});
