/**
 * The real app in real Chromium on WebGPU (SwiftShader, a software adapter: correct, slow).
 * One browser session walks through: backend and adapter, gradient norms equal to the Node
 * engine's on the same weights and batch, a tiny run that streams metrics and finishes with no
 * main-thread task over 1 s (long tasks are logged), and a forced device loss that ends in a clean error and
 * a run that continues on the CPU backend from its snapshot. No console errors before the loss.
 * Also: export of the fine-tuned weights, pause/resume, and releasing GPU memory.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ModelInstance } from '../../src/core/models/instance';
import { buildModel } from '../../src/core/models/build-model';
import { loadCheckpoint } from '../../src/core/checkpoint/checkpoint';
import { readSafetensors } from '../../src/core/checkpoint/safetensors';
import { type ModelConfig, modelConfigOfSize } from '../../src/spec/model-config';
import { Rng } from '../../src/core/rng';
import { DEFAULT_NORMALIZE, makeBatch } from '../../src/core/train/batch';
import { seededBatchIndices } from '../../src/core/train/first-batch';
import { measureGradNorms } from '../../src/core/train/step';
import { getBenchmark } from '../../src/data/benchmarks/benchmark-registry';
import { loadBenchmark } from '../../src/data/benchmarks/load-benchmark';
import { createShardStore } from '../../src/data/shards/shard-store';
import { nodeByteSource } from '../../src/data/node-source';
import type { DataSource, ModelSource, RunSpec, WorkerEvent } from '../../src/protocol/messages';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';
import { events, gotoApp, longTasks, now, send, waitFor } from './page-helpers';

const baseUrl = inject('baseUrl');
const model: ModelSource = { kind: 'scratch', config: modelConfigOfSize('vit', 'tiny'), seed: 3 };
const data: DataSource = {
  benchmark: 'subpopulation',
  seed: 0,
  trainPerClass: 16,
  valPerClass: 8,
  oodPerClass: 8,
};
const sgd = {
  id: 'sgd',
  label: 'SGD',
  optimizer: { kind: 'sgd' as const, lr: 0.01, momentum: 0.9, nesterov: false, weightDecay: 0 },
  freeze: [],
};
const run = (maxSteps: number, evalEvery: number): RunSpec => ({
  methods: [sgd],
  schedule: { kind: 'cosine' },
  epochs: 20,
  batchSize: 8,
  seed: 5,
  evalEvery,
  maxSteps,
  augment: false,
});

describe.skipIf(!hasChromium)('the app on WebGPU in Chromium', () => {
  let b: Opened;
  beforeAll(async () => {
    b = await openBrowser({ webgpu: true });
    // Forced: unforced, the software adapter would lose the speed probe to the CPU backend.
    await gotoApp(b.page, baseUrl, '&backend=webgpu');
  });
  afterAll(async () => b?.close());

  it('runs on webgpu and names the adapter', async () => {
    const ready = (await waitFor(b.page, ['ready'])) as Extract<WorkerEvent, { type: 'ready' }>;
    expect(ready.backend.name).toBe('webgpu');
    expect(ready.backend.fallbackReason).toBeUndefined();
    expect(Object.values(ready.backend.adapter ?? {}).join(' ')).toMatch(/\w/);
    await expect(b.page.textContent('[data-testid=backend]')).resolves.toMatch(
      /^Training on your GPU \(WebGPU\), because the link asks for it.*Graphics adapter: /,
    );
  });

  it('gradient norms match the Node CPU engine on the same weights and batch (1e-3)', async () => {
    await send(b.page, { type: 'load', model, data });
    const loaded = await waitFor(b.page, ['loaded', 'error']);
    expect(loaded.type).toBe('loaded');
    const n0 = (await events(b.page)).length;
    await send(b.page, { type: 'grad-norms', batchSize: 8, seed: 11 });
    const browser = (await waitFor(b.page, ['grad-norms', 'error'], n0)) as Extract<
      WorkerEvent,
      { type: 'grad-norms' }
    >;
    expect(browser.type).toBe('grad-norms');

    // The same in Node: same data (seeded), same seeded weights, same batch rows, CPU backend.
    const bench = await loadBenchmark(
      getBenchmark(data.benchmark),
      createShardStore(nodeByteSource()),
      { seed: data.seed, trainPerClass: 16, valPerClass: 8, oodPerClass: 8 },
    );
    const def = buildModel({
      ...modelConfigOfSize('vit', 'tiny'),
      numClasses: bench.sets.train.numClasses,
    });
    const m = ModelInstance.init(def, new Rng(model.seed));
    const { x, y } = makeBatch(
      bench.sets.train,
      seededBatchIndices(bench.sets.train.n, 8, 11),
      DEFAULT_NORMALIZE,
    );
    const node = await measureGradNorms(m, x, y);
    tf.dispose([x, y]);
    m.dispose();
    expect(Math.abs(browser.loss - node.loss) / node.loss).toBeLessThan(1e-3);
    for (const layer of def.layers) {
      const a = browser.gradNorms.perLayer[layer] as number;
      const c = node.gradNorms.perLayer[layer] as number;
      expect(Math.abs(a - c) / c, `layer ${layer}: browser ${a} vs node ${c}`).toBeLessThan(1e-3);
    }
  });

  it('a tiny run streams batched metrics and finishes, without long main-thread tasks', async () => {
    const n0 = (await events(b.page)).length;
    const t0 = await now(b.page);
    await send(b.page, { type: 'start', run: run(4, 4) });
    const end = await waitFor(b.page, ['run-done', 'error'], n0);
    const t1 = await now(b.page);
    expect(end).toMatchObject({ type: 'run-done', status: 'finished' });
    const evs = (await events(b.page)).slice(n0);
    const steps = evs.flatMap((e) => (e.type === 'metrics' ? e.steps : []));
    expect(steps.map((s) => s.event.step)).toEqual([1, 2, 3, 4]);
    for (const s of steps) {
      expect(s.event.gradNorms.perGroup.embed).toBeGreaterThan(0);
      expect(Number.isFinite(s.event.loss)).toBe(true);
    }
    expect(evs.filter((e) => e.type === 'eval')).toHaveLength(2); // at start and at the end
    // Shaders compiled ahead: the page is told when compiling starts and ends, before step 1.
    const order = evs.flatMap((e) =>
      e.type === 'preparing-kernels' ? [e.phase] : e.type === 'metrics' ? ['metrics'] : [],
    );
    expect(order.slice(0, 3)).toEqual(['start', 'done', 'metrics']);
    expect(evs.some((e) => e.type === 'memory')).toBe(true);
    // Timing on a shared machine: log every long task, fail only on a frozen page (over 1 s).
    // Charts are on by default, so recharts' updates are in this run too (see charts.test.ts).
    const all = (await longTasks(b.page)).filter((t) => t.start >= t0 && t.start <= t1);
    console.log(
      `streaming e2e: ${all.length} long tasks, longest ${Math.round(Math.max(0, ...all.map((t) => t.duration)))} ms`,
    );
    expect(all.filter((t) => t.duration > 1000)).toEqual([]);
    expect(await b.page.locator('[data-testid=methods] tr[data-method=sgd]').count()).toBe(1);
    expect(b.consoleErrors).toEqual([]);
  });

  it('exports the fine-tuned weights as safetensors that the engine loads', async () => {
    const n0 = (await events(b.page)).length;
    await send(b.page, { type: 'export', methodId: 'sgd' });
    await waitFor(b.page, ['exported', 'error'], n0);
    const bytes = await b.page.evaluate((a) => {
      const e = (
        window as unknown as { __events: { type: string; bytes?: ArrayBuffer }[] }
      ).__events
        .slice(a)
        .find((x) => x.type === 'exported');
      return e?.bytes ? Array.from(new Uint8Array(e.bytes)) : [];
    }, n0);
    const file = readSafetensors(Uint8Array.from(bytes));
    expect(file.metadata.method).toBe('sgd');
    expect(file.metadata.steps).toBe('4');
    const config = JSON.parse(file.metadata.config as string) as ModelConfig;
    const { model: m } = loadCheckpoint(buildModel(config), Uint8Array.from(bytes), new Rng(0));
    expect(m.vars.size).toBe(buildModel(config).specs.length);
    m.dispose();
  });

  it('pauses and resumes between steps; releases GPU memory when idle', async () => {
    const n0 = (await events(b.page)).length;
    await send(b.page, { type: 'start', run: run(6, 0) });
    await waitFor(b.page, ['metrics'], n0);
    await send(b.page, { type: 'pause' });
    await waitFor(b.page, ['paused'], n0);
    try {
      await new Promise((r) => setTimeout(r, 2500)); // a step in flight (slow on a software GPU) still lands
      const held = (await events(b.page)).length;
      await new Promise((r) => setTimeout(r, 1500));
      const later = (await events(b.page)).slice(held);
      expect(later.filter((e) => e.type === 'metrics' || e.type === 'run-done')).toEqual([]);
    } finally {
      await send(b.page, { type: 'resume' });
    }
    const held = (await events(b.page)).length;
    expect(await waitFor(b.page, ['run-done', 'error'], held)).toMatchObject({
      type: 'run-done',
      status: 'finished',
    });
    const n1 = (await events(b.page)).length;
    await send(b.page, { type: 'release' });
    const released = (await waitFor(b.page, ['released', 'error'], n1)) as Extract<
      WorkerEvent,
      { type: 'released' }
    >;
    expect(released.measured.backend).toBe('webgpu');
    expect(released.measured.numBytesAllocatedInGPU).toBeLessThanOrEqual(
      released.measured.numBytesInGPU ?? Infinity,
    );
  });

  it('a lost device ends in a clean error; the run continues on cpu from its snapshot', async () => {
    const n0 = (await events(b.page)).length;
    await send(b.page, { type: 'start', run: run(14, 7) });
    // Lose the device once some steps have been reported (a snapshot exists at step 10).
    await b.page.waitForFunction(
      (a) =>
        (
          window as unknown as { __events: { type: string; progress?: { step: number } }[] }
        ).__events
          .slice(a)
          .some((e) => e.type === 'metrics' && (e.progress?.step ?? 0) >= 11),
      n0,
      { timeout: 240_000, polling: 100 },
    );
    const before = (await events(b.page))
      .slice(n0)
      .flatMap((e) => (e.type === 'metrics' ? e.steps : [])).length;
    await send(b.page, { type: 'test:lose-device' });
    const err = (await waitFor(b.page, ['error'], n0)) as Extract<WorkerEvent, { type: 'error' }>;
    expect(err.kind, err.error.message).toBe('device-lost');
    expect(err.recoverable).toBe(true);
    expect(err.alternatives).toContain('cpu');
    expect(err.snapshotStep).toBe(10);
    await b.page.getByRole('alert').filter({ hasText: 'device-lost' }).waitFor();
    // History shown so far is kept in the UI store.
    const kept = await b.page.evaluate(
      () =>
        (
          window as unknown as {
            __ftp: {
              session: { getState: () => { methods: Record<string, { steps: unknown[] }> } };
            };
          }
        ).__ftp.session.getState().methods.sgd?.steps.length,
    );
    expect(kept).toBeGreaterThanOrEqual(before);

    const n1 = (await events(b.page)).length;
    await b.page.getByRole('button', { name: /Continue on cpu/ }).click();
    const ready = (await waitFor(b.page, ['ready'], n1)) as Extract<WorkerEvent, { type: 'ready' }>;
    expect(ready.backend.name).toBe('cpu');
    const done = await waitFor(b.page, ['run-done', 'error'], n1);
    expect(done).toMatchObject({ type: 'run-done', status: 'finished' });
    const resumed = (await events(b.page))
      .slice(n1)
      .flatMap((e) => (e.type === 'metrics' ? e.steps.map((s) => s.event.step) : []));
    expect(resumed).toEqual([11, 12, 13, 14]);
  });
});
