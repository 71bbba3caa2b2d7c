/**
 * The store's run slice (ui/store/run-slice.ts) with the real client and pool, over a worker
 * that records what the page posts and answers as the test says: the workers start once, their
 * events reach the store, Load asks worker 0 for the settings in force, and Run refuses what it
 * cannot train with the reason, before anything is posted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Command, WorkerEvent } from '../../../src/protocol/messages';
import { dataSource } from '../../../src/ui/settings/to-commands';
import { RUN_START } from '../../../src/ui/store/run-slice';
import { resetSession, useStore } from '../../../src/ui/store/store';
import { loadedInfoOf, vitDef } from '../../helpers/fake-run';

class RecordingWorker {
  readonly sent: Command[] = [];
  onmessage: ((ev: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;

  postMessage(cmd: Command): void {
    this.sent.push(cmd);
  }

  terminate(): void {}

  emit(e: WorkerEvent): void {
    this.onmessage?.({ data: e } as MessageEvent<WorkerEvent>);
  }
}

function start(): RecordingWorker[] {
  const spawned: RecordingWorker[] = [];
  const spawn = (): Worker => {
    const w = new RecordingWorker();
    spawned.push(w);
    return w as unknown as Worker;
  };
  useStore.getState().startWorkers(spawn, () => 'http://localhost/', 'cpu');
  return spawned;
}

const first = (spawned: RecordingWorker[]): RecordingWorker => spawned[0] as RecordingWorker;
const requestIdOf = (cmd: Command | undefined): number =>
  cmd && 'requestId' in cmd ? cmd.requestId : -1;

const initial = useStore.getState();

afterEach(() => {
  useStore.setState({ ...RUN_START, config: initial.config, own: initial.own });
  resetSession();
});

describe('the run slice', () => {
  it('starts worker 0 once, initialised on the asked backend, and its events reach the store', () => {
    const spawned = start();
    const workers = useStore.getState().workers;
    expect(
      useStore.getState().startWorkers(
        () => new RecordingWorker() as unknown as Worker,
        () => '',
      ),
    ).toBe(workers);
    expect(spawned).toHaveLength(1);
    expect(first(spawned).sent[0]).toMatchObject({
      type: 'init',
      baseUrl: 'http://localhost/',
      backend: 'cpu',
    });
    first(spawned).emit({
      type: 'ready',
      requestId: requestIdOf(first(spawned).sent[0]),
      backend: { name: 'cpu', forced: 'cpu' },
    });
    expect(useStore.getState().backend?.name).toBe('cpu');
  });

  it('refuses a request before the workers start, saying why', async () => {
    await expect(
      useStore
        .getState()
        .request({ type: 'samples', data: dataSource(initial.config), perSplit: 1 }),
    ).rejects.toThrow(/not started/);
    expect(await useStore.getState().loadModel()).toBe(false);
    expect(useStore.getState().runProblem).toMatch(/not started/);
  });

  it('loads the settings in force on worker 0 and notes what it holds', async () => {
    const spawned = start();
    const loading = useStore.getState().loadModel();
    expect(useStore.getState().status).toBe('loading');
    const load = first(spawned).sent.find((c) => c.type === 'load');
    expect(load).toBeDefined();
    first(spawned).emit({
      type: 'loaded',
      requestId: requestIdOf(load),
      info: loadedInfoOf(vitDef()),
    });
    expect(await loading).toBe(true);
    expect(useStore.getState().status).toBe('loaded');
    expect(useStore.getState().workers?.pool.heldKey(0)).not.toBeNull();
  });

  it('Run with own images chosen but none imported loads nothing and says why', async () => {
    const spawned = start();
    useStore.setState({ own: { ...initial.own, active: true, result: null } });
    await useStore.getState().runLesson();
    expect(useStore.getState().runProblem).toMatch(/pick a folder/);
    expect(first(spawned).sent.map((c) => c.type)).toEqual(['init']);
  });

  it('pauses and resumes the run at once on the page', () => {
    start();
    useStore.setState({ status: 'running' });
    useStore.getState().pauseOrResume();
    expect(useStore.getState().status).toBe('paused');
    useStore.getState().pauseOrResume();
    expect(useStore.getState().status).toBe('running');
  });
});
