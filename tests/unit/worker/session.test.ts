/**
 * The worker's Session as a state machine, in Node with fake ports (tests/helpers/fake-session.ts):
 * every command in every state, what it answers and where it leaves the session, and the
 * faults (a lost device with and without a run, a bad checkpoint, a bad benchmark, a refused
 * import); then a run lost mid-way and continued on another backend ends exactly where an
 * uninterrupted one does, AdamW's moments included.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPLY_TYPE, type Command, type WorkerEvent } from '../../../src/protocol/messages';
import { BadCheckpointError } from '../../../src/worker/faults';
import { DATA, FakeSession, MODEL, png, runSpec } from '../../helpers/fake-session';

type State =
  | 'uninitialised'
  | 'idle'
  | 'loaded'
  | 'loading'
  | 'running'
  | 'paused'
  | 'stopping'
  | 'lost-run'
  | 'lost-idle';
const STATES: State[] = [
  'uninitialised',
  'idle',
  'loaded',
  'loading',
  'running',
  'paused',
  'stopping',
  'lost-run',
  'lost-idle',
];

/**
 * Brings a fresh session into `state`. The last step into a run's states is returned, not
 * taken: the test takes it and sends its command in the same synchronous turn, as a stop
 * would otherwise end its run before the command arrives.
 */
async function into(state: State): Promise<{ h: FakeSession; enter: () => void }> {
  const h = new FakeSession();
  const none = { h, enter: () => undefined };
  if (state === 'uninitialised') return none;
  await h.answer(h.send({ type: 'init', baseUrl: 'http://localhost/' }).id);
  if (state === 'idle') return none;
  await h.answer(h.send({ type: 'load', model: MODEL, data: DATA }).id);
  if (state === 'loaded') return none;
  if (state === 'loading') {
    h.holdLoads(); // the second load waits
    void h.send({ type: 'load', model: MODEL, data: DATA });
    await h.until(() => h.status === 'loading');
    return none;
  }
  if (state === 'lost-idle' || state === 'lost-run') {
    if (state === 'lost-run') void h.send({ type: 'start', run: runSpec() });
    h.device?.destroy();
    await h.until(() => h.status === 'device-lost');
    return none;
  }
  const enter = (): void => {
    void h.send({ type: 'start', run: runSpec() });
    if (state === 'paused') void h.send({ type: 'pause' });
    if (state === 'stopping') void h.send({ type: 'stop' });
  };
  return { h, enter };
}

type Expect =
  | { reply: WorkerEvent['type']; then?: string }
  | { error: RegExp; kind?: string; then?: string }
  | { event: WorkerEvent['type']; then?: string }
  | { none: true; then?: string };

const ALL = (e: Expect): Record<State, Expect> =>
  Object.fromEntries(STATES.map((s) => [s, e])) as Record<State, Expect>;
const NO_LOAD = { error: /Load a model and a benchmark first/ };
const LOADING = { error: /still loading/ };
const LOST = { error: /continue on another backend first/, kind: 'device-lost' };
const BUSY_RUN = (re: RegExp): Expect => ({ error: re });
const NONE = { none: true } as const;

/** What each command does in each state (`then`: the state it leaves, when that changes). */
const MATRIX: Record<
  string,
  { cmd: Command | Record<string, unknown>; in: Record<State, Expect> }
> = {
  init: { cmd: { type: 'init', baseUrl: 'http://localhost/' }, in: ALL({ reply: 'ready' }) },
  load: {
    cmd: { type: 'load', model: MODEL, data: DATA },
    in: {
      uninitialised: { error: /init must come before load/ },
      idle: { reply: 'loaded' },
      loaded: { reply: 'loaded' },
      loading: { error: /still loading/ },
      running: BUSY_RUN(/A run is in progress: stop it/),
      paused: BUSY_RUN(/A run is in progress: stop it/),
      stopping: BUSY_RUN(/A run is in progress: stop it/),
      'lost-run': LOST,
      'lost-idle': LOST,
    },
  },
  start: {
    cmd: { type: 'start', run: runSpec() },
    in: {
      uninitialised: NO_LOAD,
      idle: NO_LOAD,
      loaded: { none: true, then: 'running' },
      loading: { error: /still loading: start when it is loaded/ },
      running: BUSY_RUN(/already in progress/),
      paused: BUSY_RUN(/already in progress/),
      stopping: BUSY_RUN(/already in progress/),
      'lost-run': LOST,
      'lost-idle': LOST,
    },
  },
  pause: {
    cmd: { type: 'pause' },
    in: {
      ...ALL(NONE),
      running: { event: 'paused', then: 'paused' },
      paused: { event: 'paused', then: 'paused' },
    },
  },
  resume: {
    cmd: { type: 'resume' },
    in: { ...ALL(NONE), paused: { event: 'resumed', then: 'running' } },
  },
  stop: {
    cmd: { type: 'stop' },
    in: {
      ...ALL(NONE),
      running: { none: true, then: 'stopping' },
      paused: { none: true, then: 'stopping' },
    },
  },
  evaluate: {
    cmd: { type: 'evaluate' },
    in: {
      uninitialised: NO_LOAD,
      idle: NO_LOAD,
      loaded: { event: 'eval' },
      loading: LOADING,
      running: NONE, // each method evaluates between its steps (later)
      paused: { event: 'paused' }, // done on resume
      stopping: NONE,
      'lost-run': LOST,
      'lost-idle': LOST,
    },
  },
  'grad-norms': {
    cmd: { type: 'grad-norms', batchSize: 4, seed: 0 },
    in: {
      ...ALL({ reply: 'grad-norms' }),
      uninitialised: NO_LOAD,
      idle: NO_LOAD,
      loading: LOADING,
      'lost-run': LOST,
      'lost-idle': LOST,
    },
  },
  export: {
    cmd: { type: 'export' },
    in: {
      ...ALL({ reply: 'exported' }),
      uninitialised: { error: /Nothing to export/ },
      idle: { error: /Nothing to export/ },
    },
  },
  'export tfjs': {
    cmd: { type: 'export', format: 'tfjs', hash: '#seed=0' },
    in: {
      ...ALL({ reply: 'exported' }),
      uninitialised: { error: /Nothing to export/ },
      idle: { error: /Nothing to export/ },
    },
  },
  samples: {
    cmd: { type: 'samples', data: { benchmark: 'style', seed: 0, classes: [0, 1] }, perSplit: 2 },
    in: { ...ALL({ reply: 'samples' }), uninitialised: { error: /init must come before samples/ } },
  },
  'import-images': {
    cmd: {
      type: 'import-images',
      files: ['a/1.png', 'a/2.png', 'b/1.png', 'b/2.png'].map((path, i) => ({
        path,
        file: new Blob([png(i * 60)]),
      })),
      seed: 0,
    },
    in: ALL({ reply: 'images-imported' }),
  },
  release: {
    cmd: { type: 'release' },
    in: {
      ...ALL({ reply: 'released' }),
      running: BUSY_RUN(/Stop the run before releasing/),
      paused: BUSY_RUN(/Stop the run before releasing/),
      stopping: BUSY_RUN(/Stop the run before releasing/),
    },
  },
  continue: {
    cmd: { type: 'continue', backend: 'cpu' },
    in: {
      ...ALL({ reply: 'ready' }),
      loading: LOADING,
      running: BUSY_RUN(/A run is in progress/),
      paused: BUSY_RUN(/A run is in progress/),
      stopping: BUSY_RUN(/A run is in progress/),
      'lost-run': { reply: 'ready', then: 'running' }, // every method from its last snapshot
      'lost-idle': { reply: 'ready', then: 'idle' },
    },
  },
  'cancel-import': { cmd: { type: 'cancel-import' }, in: ALL(NONE) }, // no import running: nothing to stop
  'test:lose-device': {
    cmd: { type: 'test:lose-device' },
    in: {
      ...ALL({ event: 'error', then: 'device-lost' }),
      uninitialised: { error: /needs the webgpu backend/ },
      'lost-run': NONE, // reported once
      'lost-idle': NONE,
    },
  },
};

/** Events a running run sends on its own, whatever the command. */
const STREAM = new Set(['metrics', 'eval', 'memory', 'method-done', 'run-done', 'load-progress']);

describe('Session: every command in every state', () => {
  afterEach(async () => {
    vi.restoreAllMocks();
    await FakeSession.settleAll();
  });

  for (const [name, { cmd, in: table }] of Object.entries(MATRIX)) {
    for (const state of STATES) {
      const want = table[state];
      it(`${name} while ${state}: ${Object.keys(want)[0]}${'then' in want && want.then ? ` -> ${want.then}` : ''}`, async () => {
        const { h, enter } = await into(state);
        enter();
        const before = h.events.length;
        expect(h.status).toBe(
          state === 'lost-run' || state === 'lost-idle'
            ? 'device-lost'
            : state === 'loaded' || state === 'uninitialised'
              ? 'idle'
              : state,
        );
        const sent = h.send(cmd as Command);
        await sent.done;
        const isRequest = (cmd as Command).type in REPLY_TYPE;
        if ('reply' in want) {
          const e = await h.answer(sent.id);
          expect(e.type).toBe(want.reply);
          if (e.type === 'samples') expect(e.id?.n).toBe(2);
          if (e.type === 'images-imported') expect(e.report?.classNames).toEqual(['a', 'b']);
        } else if ('error' in want) {
          const e = isRequest
            ? await h.answer(sent.id)
            : h.events.slice(before).find((x) => x.type === 'error');
          expect(e?.type).toBe('error');
          if (e?.type !== 'error') return;
          expect(e.error.message).toMatch(want.error);
          if (want.kind) expect(e.kind).toBe(want.kind);
          expect(e.recoverable).toBe(e.kind === 'device-lost'); // continue on another backend
        } else {
          if ('event' in want)
            await h.until(
              () => h.events.slice(before).some((e) => e.type === want.event),
              10_000,
              want.event,
            );
          const own = h.events
            .slice(before)
            .filter((e) => !STREAM.has(e.type) || ('event' in want && e.type === want.event));
          expect(own.map((e) => e.type)).toEqual('event' in want ? [want.event] : []);
        }
        const then =
          want.then ??
          (
            {
              uninitialised: 'idle',
              idle: 'idle',
              loaded: 'idle',
              'lost-run': 'device-lost',
              'lost-idle': 'device-lost',
            } as Record<string, string>
          )[state] ??
          state;
        if (then === 'stopping') expect(['stopping', 'idle']).toContain(h.status);
        else expect(h.status).toBe(then);
        await h.settle();
      });
    }
  }

  it('test:crash throws outside any handler, as a real crash would (every state alike)', async () => {
    const { h } = await into('loaded');
    let scheduled: (() => void) | null = null;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void) => {
      scheduled = fn;
      return 0;
    }) as typeof setTimeout);
    await h.send({ type: 'test:crash' }).done;
    vi.restoreAllMocks();
    expect(scheduled).not.toBeNull();
    expect(() => (scheduled as unknown as () => void)()).toThrow('test crash requested');
    expect(h.events.at(-1)?.type).toBe('loaded'); // nothing posted
  });
});

describe('Session: faults', () => {
  afterEach(() => FakeSession.settleAll());

  it('a benchmark that does not exist: a bad-data error answering the load, and the session idle', async () => {
    const { h } = await into('idle');
    const { id } = h.send({
      type: 'load',
      model: MODEL,
      data: { benchmark: 'no-such-benchmark', seed: 0 },
    });
    const e = await h.answer(id);
    expect(e).toMatchObject({ type: 'error', requestId: id, kind: 'bad-data', recoverable: false });
    expect(h.status).toBe('idle');
  });

  it('a checkpoint that cannot be read: a bad-checkpoint error with what to do; what was loaded stays', async () => {
    const { h } = await into('loaded');
    h.modelError = new BadCheckpointError('No pretrained model named "x" in models/manifest.json');
    const e = await h.answer(
      h.send({ type: 'load', model: { kind: 'pretrained', name: 'x', seed: 0 }, data: DATA }).id,
    );
    expect(e).toMatchObject({ type: 'error', kind: 'bad-checkpoint' });
    expect(e.type === 'error' && e.error.message).toMatch(
      /No pretrained model named "x".*see the message for which tensor/,
    );
    expect(h.status).toBe('idle');
    expect((await h.answer(h.send({ type: 'export' }).id)).type).toBe('exported'); // the earlier load
  });

  it('a diverging method stops alone with its id and step; a run of only that method ends failed', async () => {
    const { h } = await into('loaded');
    const sgd = {
      id: 'sgd',
      label: 'SGD',
      optimizer: { kind: 'sgd' as const, lr: 1e30, momentum: 0, nesterov: false, weightDecay: 0 },
      freeze: [],
    };
    void h.send({ type: 'start', run: runSpec({ methods: [sgd], epochs: 2 }) });
    await h.until(() => h.events.some((e) => e.type === 'run-done'));
    const error = h.events.find((e) => e.type === 'error');
    expect(error).toMatchObject({
      type: 'error',
      kind: 'diverged',
      methodId: 'sgd',
      recoverable: false,
    });
    expect(h.events.find((e) => e.type === 'run-done')).toMatchObject({ status: 'failed' });
    expect(h.status).toBe('idle');
  });

  it('a lost device mid-run is reported once, recoverable, from the snapshot step, with the backends to go on', async () => {
    const { h } = await into('loaded');
    void h.send({ type: 'start', run: runSpec() });
    await h.until(() => h.events.filter((e) => e.type === 'metrics').length > 0);
    h.device?.destroy();
    h.device?.destroy(); // a second notice of the same loss says nothing more
    await h.until(() => h.status === 'device-lost');
    await new Promise((r) => setTimeout(r, 20));
    const errors = h.events.filter((e) => e.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      kind: 'device-lost',
      recoverable: true,
      alternatives: ['webgl', 'wasm', 'cpu'],
    });
    expect(typeof (errors[0] as { snapshotStep?: number }).snapshotStep).toBe('number');
    // On the new backend, never WebGPU again; the run goes on.
    const ready = await h.answer(h.send({ type: 'continue', backend: 'webgl' }).id);
    expect(ready).toMatchObject({ type: 'ready', backend: { name: 'webgl' } });
    expect(h.selects.at(-1)).toEqual({ forced: 'webgl', exclude: ['webgpu'] });
    expect(h.status).toBe('running');
  });
});
