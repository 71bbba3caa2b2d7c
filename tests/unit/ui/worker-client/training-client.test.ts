/**
 * The page's TrainingClient with a fake Worker: every request is numbered and settled by
 * exactly the event carrying its id (another command's error no longer answers it), a run's
 * errors answer nothing, and a crash replays init and load with their ids while rejecting the
 * other waits.
 */
import { describe, expect, it } from 'vitest';
import type { Command, WorkerEvent } from '../../../../src/protocol/messages';
import {
  TrainingClient,
  WorkerRequestError,
} from '../../../../src/ui/worker-client/training-client';
import { DATA, MODEL } from '../../../helpers/fake-session';

class FakeWorker {
  readonly sent: Command[] = [];
  terminated = false;
  onmessage: ((ev: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;

  postMessage(cmd: Command): void {
    this.sent.push(cmd);
  }

  terminate(): void {
    this.terminated = true;
  }

  emit(e: WorkerEvent): void {
    this.onmessage?.({ data: e } as MessageEvent<WorkerEvent>);
  }

  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

function client(): { c: TrainingClient; workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  const c = new TrainingClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  return { c, workers };
}

const settled = async (p: Promise<unknown>): Promise<string> =>
  Promise.race([
    p.then(
      () => 'resolved',
      () => 'rejected',
    ),
    new Promise<string>((r) => setTimeout(() => r('pending'), 10)),
  ]);

const idOf = (cmd: Command | undefined): number => (cmd && 'requestId' in cmd ? cmd.requestId : -1);

describe('TrainingClient.request', () => {
  it('numbers each request and resolves it with exactly its reply', async () => {
    const { c, workers } = client();
    const w = workers[0] as FakeWorker;
    const load = c.request({ type: 'load', model: MODEL, data: DATA });
    const release = c.request({ type: 'release' });
    const [loadId, releaseId] = w.sent.map(idOf);
    expect(loadId).not.toBe(releaseId);
    w.emit({
      type: 'released',
      requestId: releaseId as number,
      measured: { backend: 'cpu', numTensors: 0, numBytes: 0 },
    });
    await expect(release).resolves.toMatchObject({ type: 'released' });
    expect(await settled(load)).toBe('pending');
  });

  it("another command's error does not answer a wait; its own error rejects it", async () => {
    const { c, workers } = client();
    const w = workers[0] as FakeWorker;
    const load = c.request({ type: 'load', model: MODEL, data: DATA });
    const exported = c.request({ type: 'export', methodId: 'sgd' });
    const [loadId, exportId] = w.sent.map(idOf);
    const error = (requestId?: number): WorkerEvent => ({
      type: 'error',
      ...(requestId !== undefined ? { requestId } : {}),
      kind: 'internal',
      error: { name: 'Error', message: `error ${requestId ?? 'of a run'}` },
      recoverable: false,
    });
    w.emit(error()); // a run's error (a method diverged): answers nothing
    w.emit(error(exportId));
    await expect(exported).rejects.toBeInstanceOf(WorkerRequestError);
    await expect(exported).rejects.toThrow(`error ${exportId}`);
    expect(await settled(load)).toBe('pending'); // today's bug: the export's error answered the load
    w.emit({ type: 'loaded', requestId: loadId as number, info: {} as never });
    await expect(load).resolves.toMatchObject({ type: 'loaded' });
  });

  it('every event still reaches the listeners (the stores), answers included', () => {
    const { c, workers } = client();
    const seen: string[] = [];
    c.on((e) => seen.push(e.type));
    void c.request({ type: 'release' }).catch(() => undefined);
    (workers[0] as FakeWorker).emit({
      type: 'released',
      requestId: 1,
      measured: { backend: 'cpu', numTensors: 0, numBytes: 0 },
    });
    expect(seen).toEqual(['released']);
  });

  it('times out a request that is never answered', async () => {
    const { c } = client();
    await expect(c.request({ type: 'release' }, { timeoutMs: 5 })).rejects.toThrow(
      /timed out waiting for the answer to release/,
    );
  });

  it('after a crash: init and load are replayed with their ids and answered by the new worker; other waits fail', async () => {
    const { c, workers } = client();
    const init = c.request({ type: 'init', baseUrl: 'http://localhost/' });
    (workers[0] as FakeWorker).emit({ type: 'ready', requestId: 1, backend: { name: 'cpu' } });
    await init;
    const load = c.request({ type: 'load', model: MODEL, data: DATA });
    const samples = c.request({ type: 'samples', data: DATA, perSplit: 2 });
    (workers[0] as FakeWorker).crash('boom');
    await expect(samples).rejects.toThrow(/crashed/);
    const fresh = workers[1] as FakeWorker;
    expect(fresh.sent.map((cmd) => [cmd.type, idOf(cmd)])).toEqual([
      ['init', 1],
      ['load', 2],
    ]);
    fresh.emit({ type: 'loaded', requestId: 2, info: {} as never });
    await expect(load).resolves.toMatchObject({ type: 'loaded', requestId: 2 });
  });

  it('a listener that throws on the crash keeps neither the next listener from hearing it nor the restart', async () => {
    const { c, workers } = client();
    const heard: string[] = [];
    const thrown: unknown[] = [];
    const onUncaught = (e: unknown): void => void thrown.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      c.on((e) => {
        if (e.type === 'crashed') throw new Error('a store that chokes on crashed');
      });
      c.on((e) => heard.push(e.type));
      (workers[0] as FakeWorker).crash('boom');
      await new Promise((r) => setTimeout(r, 0));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(heard).toEqual(['crashed']);
    expect(workers).toHaveLength(2); // restarted
    expect(thrown).toEqual([new Error('a store that chokes on crashed')]); // still reported
  });

  it('notices go out as they are, without an id', () => {
    const { c, workers } = client();
    c.send({ type: 'pause' });
    expect((workers[0] as FakeWorker).sent).toEqual([{ type: 'pause' }]);
  });
});
