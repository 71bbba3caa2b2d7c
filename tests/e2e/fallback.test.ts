/** Without WebGPU (no flag) the app falls back, says which backend runs and why. */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { WorkerEvent } from '../../src/protocol/messages';
import { hasChromium, openBrowser } from '../../src/cli/chromium';
import { modelConfigOfSize } from '../../src/core/spec/model-config';
import { events, gotoApp, send, waitFor } from './page-helpers';

const baseUrl = inject('baseUrl');

describe.skipIf(!hasChromium)('backend fallback', () => {
  it('falls back from WebGPU and says why', async () => {
    const b = await openBrowser({ webgpu: false });
    try {
      await gotoApp(b.page, baseUrl);
      const ready = (await waitFor(b.page, ['ready', 'error'])) as Extract<WorkerEvent, { type: 'ready' }>;
      expect(ready.type).toBe('ready');
      expect(ready.backend.name).not.toBe('webgpu');
      expect(ready.backend.fallbackReason).toMatch(/^webgpu: /);
      await expect(b.page.textContent('[data-testid=backend]')).resolves.toMatch(/^Training on your (CPU|GPU) .*, because .*Passed over webgpu: /);
    } finally {
      await b.close();
    }
  });

  it('on a software WebGPU adapter (SwiftShader here), a probe picks the faster backend and the page says why', async () => {
    const b = await openBrowser({ webgpu: true });
    try {
      await gotoApp(b.page, baseUrl);
      const ready = (await waitFor(b.page, ['ready', 'error'])) as Extract<WorkerEvent, { type: 'ready' }>;
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
        expect(ready.backend.fallbackReason).toMatch(/^webgpu: the adapter is a software renderer .* a probe step took \d+ ms there against \d+ ms on the wasm backend/);
        expect(line).toMatch(/^Training on your CPU \(WebAssembly\), because the only GPU here is a software one, slower than your CPU\..*Passed over webgpu: the adapter is a software renderer/);
      } else {
        expect(line).toMatch(/^Training on a software GPU \(WebGPU without graphics hardware\), because it was faster here than your CPU\..*Probe step: \d+ ms on webgpu/);
      }
    } finally {
      await b.close();
    }
  });

  it('?backend=cpu forces the CPU backend', async () => {
    const b = await openBrowser({ webgpu: true });
    try {
      await gotoApp(b.page, baseUrl, '&backend=cpu');
      const ready = (await waitFor(b.page, ['ready', 'error'])) as Extract<WorkerEvent, { type: 'ready' }>;
      expect(ready.backend).toMatchObject({ name: 'cpu', forced: 'cpu' });
    } finally {
      await b.close();
    }
  });

  it('a bad benchmark or checkpoint gives a clear error, and the worker goes on', async () => {
    const b = await openBrowser({ webgpu: false });
    try {
      await gotoApp(b.page, baseUrl, '&backend=cpu');
      await waitFor(b.page, ['ready']);
      const model = { kind: 'scratch' as const, config: modelConfigOfSize('vit', 'tiny'), seed: 0 };
      await send(b.page, { type: 'load', model, data: { benchmark: 'no-such-benchmark', seed: 0 } });
      const e1 = (await waitFor(b.page, ['error', 'loaded'])) as Extract<WorkerEvent, { type: 'error' }>;
      expect(e1).toMatchObject({ type: 'error', kind: 'bad-data' });
      expect(e1.error.message).toMatch(/unknown benchmark "no-such-benchmark" \(known: .*subpopulation/);
      const n = (await events(b.page)).length;
      await send(b.page, { type: 'load', model: { kind: 'pretrained', name: 'no-such-model', seed: 0 }, data: { benchmark: 'style', seed: 0, trainPerClass: 4, valPerClass: 2, oodPerClass: 2 } });
      const e2 = (await waitFor(b.page, ['error', 'loaded'], n)) as Extract<WorkerEvent, { type: 'error' }>;
      expect(e2).toMatchObject({ type: 'error', kind: 'bad-checkpoint' });
      const n2 = (await events(b.page)).length;
      await send(b.page, { type: 'load', model, data: { benchmark: 'style', seed: 0, trainPerClass: 4, valPerClass: 2, oodPerClass: 2 } });
      expect(await waitFor(b.page, ['error', 'loaded'], n2)).toMatchObject({ type: 'loaded' });
    } finally {
      await b.close();
    }
  });

  it('loads each shipped pretrained checkpoint with a fresh head and measures its gradients', async () => {
    const manifest = JSON.parse(readFileSync('public/models/manifest.json', 'utf8')) as { models: { name: string }[] };
    expect(manifest.models.length).toBeGreaterThan(0);
    const b = await openBrowser({ webgpu: false });
    try {
      await gotoApp(b.page, baseUrl, '&backend=cpu');
      await waitFor(b.page, ['ready']);
      for (const { name } of manifest.models) {
        const n = (await events(b.page)).length;
        await send(b.page, { type: 'load', model: { kind: 'pretrained', name, seed: 0 }, data: { benchmark: 'style', seed: 0, trainPerClass: 4, valPerClass: 2, oodPerClass: 2 } });
        const loaded = (await waitFor(b.page, ['loaded', 'error'], n)) as Extract<WorkerEvent, { type: 'loaded' }>;
        expect(loaded.type, `${name}: ${JSON.stringify(loaded)}`).toBe('loaded');
        expect(loaded.info.numClasses).toBe(10);
        const n2 = (await events(b.page)).length;
        await send(b.page, { type: 'grad-norms', batchSize: 8, seed: 1 });
        const g = (await waitFor(b.page, ['grad-norms', 'error'], n2)) as Extract<WorkerEvent, { type: 'grad-norms' }>;
        expect(g.embedToMaxMiddle, name).toBeGreaterThan(0);
      }
    } finally {
      await b.close();
    }
  });

  it('a crashed worker is noticed and restarted', async () => {
    const b = await openBrowser({ webgpu: false });
    try {
      await gotoApp(b.page, baseUrl, '&backend=cpu');
      await waitFor(b.page, ['ready']);
      await b.page.evaluate(() => (window as unknown as { __ftp: { client: { send: (c: unknown) => void } } }).__ftp.client.send({ type: 'test:crash' }));
      const crashed = (await waitFor(b.page, ['crashed'])) as { type: 'crashed'; restarted: boolean; message: string };
      expect(crashed.restarted).toBe(true);
      expect(crashed.message).toMatch(/test crash/);
      await b.page.getByRole('alert').filter({ hasText: 'restarted' }).waitFor();
    } finally {
      await b.close();
    }
  });
});
