/** Without WebGPU (no flag) the app falls back, says which backend runs and why. */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { WorkerEvent } from '../../src/protocol/messages';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';
import type { ClientEvent } from '../../src/ui/worker-client/training-client';
import { modelConfigOfSize } from '../../src/spec/model-config';
import { events, gotoApp, now, send, waitFor } from './page-helpers';

const baseUrl = inject('baseUrl');

type Ready = Extract<WorkerEvent, { type: 'ready' }>;

/** Chromium, with or without WebGPU, on the app at `query`; closed after `body` whatever happens. */
async function withApp(
  webgpu: boolean,
  query: string,
  body: (b: Opened) => Promise<void>,
): Promise<void> {
  const b = await openBrowser({ webgpu });
  try {
    await gotoApp(b.page, baseUrl, query);
    await body(b);
  } finally {
    await b.close();
  }
}

/** The worker's first 'ready' or 'error', as a ready event (the tests check its type). */
const firstReady = async (b: Opened): Promise<Ready> =>
  (await waitFor(b.page, ['ready', 'error'])) as Ready;

describe.skipIf(!hasChromium)('backend fallback', () => {
  it('falls back from WebGPU and says why', async () => {
    await withApp(false, '', async (b) => {
      const ready = await firstReady(b);
      expect(ready.type).toBe('ready');
      expect(ready.backend.name).not.toBe('webgpu');
      expect(ready.backend.fallbackReason).toMatch(/^webgpu: /);
      await expect(b.page.textContent('[data-testid=backend]')).resolves.toMatch(
        /^Training on your (CPU|GPU) .*, because .*Passed over webgpu: /,
      );
    });
  });

  it('on a software WebGPU adapter (SwiftShader here), a probe picks the faster backend and the page says why', async () => {
    await withApp(true, '', async (b) => {
      const ready = await firstReady(b);
      expect(ready.type).toBe('ready');
      const probe = ready.backend.probe;
      expect(probe, 'SwiftShader is a software adapter: the probe must have run').toBeDefined();
      expect(probe).toMatchObject({ gpu: 'webgpu', cpuSide: 'wasm' });
      expect(probe?.gpuMs).toBeGreaterThan(0);
      expect(probe?.cpuMs).toBeGreaterThan(0);
      // Whichever was faster trains, and the page says so with the numbers.
      const faster = (probe?.cpuMs as number) < (probe?.gpuMs as number) ? 'wasm' : 'webgpu';
      expect(ready.backend.name).toBe(faster);
      const line = await b.page.textContent('[data-testid=backend]');
      if (faster === 'wasm') {
        expect(ready.backend.fallbackReason).toMatch(
          /^webgpu: the adapter is a software renderer .* a probe step took \d+ ms there against \d+ ms on the wasm backend/,
        );
        expect(line).toMatch(
          /^Training on your CPU \(WebAssembly\), because the only GPU here is a software one, slower than your CPU\..*Passed over webgpu: the adapter is a software renderer/,
        );
      } else {
        expect(line).toMatch(
          /^Training on a software GPU \(WebGPU without graphics hardware\), because it was faster here than your CPU\..*Probe step: \d+ ms on webgpu/,
        );
      }
    });
  });

  it('?backend=cpu forces the CPU backend', async () => {
    await withApp(true, '&backend=cpu', async (b) => {
      const ready = await firstReady(b);
      expect(ready.backend).toMatchObject({ name: 'cpu', forced: 'cpu' });
    });
  });

  it('a bad benchmark or checkpoint gives a clear error, and the worker goes on', async () => {
    await withApp(false, '&backend=cpu', async (b) => {
      await waitFor(b.page, ['ready']);
      const model = { kind: 'scratch' as const, config: modelConfigOfSize('vit', 'tiny'), seed: 0 };
      await send(b.page, {
        type: 'load',
        model,
        data: { benchmark: 'no-such-benchmark', seed: 0 },
      });
      const e1 = (await waitFor(b.page, ['error', 'loaded'])) as Extract<
        WorkerEvent,
        { type: 'error' }
      >;
      expect(e1).toMatchObject({ type: 'error', kind: 'bad-data' });
      expect(e1.error.message).toMatch(
        /unknown benchmark "no-such-benchmark" \(known: .*subpopulation/,
      );
      const n = (await events(b.page)).length;
      await send(b.page, {
        type: 'load',
        model: { kind: 'pretrained', name: 'no-such-model', seed: 0 },
        data: { benchmark: 'style', seed: 0, trainPerClass: 4, valPerClass: 2, oodPerClass: 2 },
      });
      const e2 = (await waitFor(b.page, ['error', 'loaded'], n)) as Extract<
        WorkerEvent,
        { type: 'error' }
      >;
      expect(e2).toMatchObject({ type: 'error', kind: 'bad-checkpoint' });
      const n2 = (await events(b.page)).length;
      await send(b.page, {
        type: 'load',
        model,
        data: { benchmark: 'style', seed: 0, trainPerClass: 4, valPerClass: 2, oodPerClass: 2 },
      });
      expect(await waitFor(b.page, ['error', 'loaded'], n2)).toMatchObject({ type: 'loaded' });
    });
  });

  it('loads each shipped pretrained checkpoint with a fresh head and measures its gradients', async () => {
    const manifest = JSON.parse(readFileSync('public/models/manifest.json', 'utf8')) as {
      models: { name: string }[];
    };
    expect(manifest.models.length).toBeGreaterThan(0);
    await withApp(false, '&backend=cpu', async (b) => {
      await waitFor(b.page, ['ready']);
      for (const { name } of manifest.models) {
        const n = (await events(b.page)).length;
        await send(b.page, {
          type: 'load',
          model: { kind: 'pretrained', name, seed: 0 },
          data: { benchmark: 'style', seed: 0, trainPerClass: 4, valPerClass: 2, oodPerClass: 2 },
        });
        const loaded = (await waitFor(b.page, ['loaded', 'error'], n)) as Extract<
          WorkerEvent,
          { type: 'loaded' }
        >;
        expect(loaded.type, `${name}: ${JSON.stringify(loaded)}`).toBe('loaded');
        expect(loaded.info.numClasses).toBe(10);
        const n2 = (await events(b.page)).length;
        await send(b.page, { type: 'grad-norms', batchSize: 8, seed: 1 });
        const g = (await waitFor(b.page, ['grad-norms', 'error'], n2)) as Extract<
          WorkerEvent,
          { type: 'grad-norms' }
        >;
        expect(g.embedToMaxMiddle, name).toBeGreaterThan(0);
      }
    });
  });

  /** Opens the app on cpu and waits for its ready (an init error fails at once, not in 240 s). */
  const readyApp = async (): Promise<Opened> => {
    const b = await openBrowser({ webgpu: false });
    await gotoApp(b.page, baseUrl, '&backend=cpu');
    // The test looks only now: a 'ready' before this moment is still recorded (test-hooks.ts).
    const lookedAt = await now(b.page);
    expect(await waitFor(b.page, ['ready', 'error'])).toMatchObject({ type: 'ready' });
    const readyAt = await b.page.evaluate(() => {
      const w = window as unknown as { __events: { type: string }[]; __eventTimes: number[] };
      return w.__eventTimes[w.__events.findIndex((e) => e.type === 'ready')] as number;
    });
    console.log(
      `ready ${readyAt < lookedAt ? `${Math.round(lookedAt - readyAt)} ms before` : `${Math.round(readyAt - lookedAt)} ms after`} the test could first look`,
    );
    return b;
  };

  /** The crash is heard within seconds, the worker restarts, and the page says so. */
  const expectCrashNoticed = async (b: Opened, after: number, sentAt: number): Promise<void> => {
    const crashed = (await waitFor(b.page, ['crashed'], after, 30_000)) as Extract<
      ClientEvent,
      { type: 'crashed' }
    >;
    console.log(`crash noticed in ${Date.now() - sentAt} ms`);
    expect(crashed.restarted).toBe(true);
    expect(crashed.message).toMatch(/test crash/);
    await b.page.getByRole('alert').filter({ hasText: 'restarted' }).waitFor();
  };

  // CRASH_RUNS=10 repeats it, each in a fresh browser (tools/stress-crash.sh, under CPU load).
  const runs = Math.max(1, Number(process.env.CRASH_RUNS ?? 1));
  for (let run = 1; run <= runs; run++) {
    it(`a crashed worker is noticed and restarted${runs > 1 ? ` (run ${run} of ${runs})` : ''}`, async () => {
      const b = await readyApp();
      try {
        const n = (await events(b.page)).length;
        const sentAt = Date.now();
        await send(b.page, { type: 'test:crash' });
        await expectCrashNoticed(b, n, sentAt);
      } finally {
        await b.close();
      }
    });
  }

  it('a worker that crashes mid-step (a rejection nobody awaits) is noticed within seconds; the run is marked failed and load is replayed', async () => {
    const b = await readyApp();
    try {
      const model = { kind: 'scratch' as const, config: modelConfigOfSize('vit', 'tiny'), seed: 3 };
      await send(b.page, {
        type: 'load',
        model,
        data: { benchmark: 'style', seed: 0, trainPerClass: 16, valPerClass: 4, oodPerClass: 4 },
      });
      expect(await waitFor(b.page, ['loaded', 'error'])).toMatchObject({ type: 'loaded' });
      const sgd = {
        id: 'sgd',
        label: 'SGD',
        optimizer: {
          kind: 'sgd' as const,
          lr: 0.01,
          momentum: 0.9,
          nesterov: false,
          weightDecay: 0,
        },
        freeze: [],
      };
      const n0 = (await events(b.page)).length;
      await send(b.page, {
        type: 'start',
        run: {
          methods: [sgd],
          schedule: { kind: 'cosine' },
          epochs: 200,
          batchSize: 8,
          seed: 5,
          evalEvery: 0,
          maxSteps: 2000,
          augment: false,
        },
      });
      await waitFor(b.page, ['metrics'], n0); // steps are flowing: the crash lands between two of them
      const n1 = (await events(b.page)).length;
      const sentAt = Date.now();
      await send(b.page, { type: 'test:crash', how: 'reject' });
      await expectCrashNoticed(b, n1, sentAt);
      expect(
        await b.page.evaluate(
          () =>
            (
              window as unknown as { __ftp: { store: { getState: () => { status: string } } } }
            ).__ftp.store.getState().status,
        ),
      ).toBe('failed');
      // The fresh worker answers the replayed init and load.
      const n2 = (await events(b.page)).findIndex((e, i) => i >= n1 && e.type === 'crashed');
      expect(await waitFor(b.page, ['ready', 'error'], n2)).toMatchObject({ type: 'ready' });
      expect(await waitFor(b.page, ['loaded', 'error'], n2)).toMatchObject({ type: 'loaded' });
    } finally {
      await b.close();
    }
  });
});
