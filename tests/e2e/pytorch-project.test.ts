/**
 * The Export panel's "PyTorch project" in the real app, in Chromium: after a one-step run the
 * button downloads a zip whose recipe is the run on screen, whose data.npz holds the loaded
 * images, whose starting weights load into the engine, and whose train.py (Debian's PyTorch)
 * gives the step loss the page showed, computed on the browser's backend (1e-3: WebGPU on the
 * software adapter sums in another order than PyTorch's CPU).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';
import { hasTorch, PYTHON } from '../../src/cli/python';
import { loadCheckpoint } from '../../src/core/checkpoint/checkpoint';
import { buildModel } from '../../src/core/models/registry';
import { Rng } from '../../src/core/rng';
import type { ProjectRecipe } from '../../src/project/recipe';
import type { StepEvent } from '../../src/protocol/messages';
import { events, gotoApp } from './page-helpers';
import { ONE_STEP_LINK, trainOneStep } from './user-run';

const baseUrl = inject('baseUrl');

describe.skipIf(!hasChromium)('the PyTorch project export', () => {
  let b: Opened;
  let dir: string;
  beforeAll(async () => {
    b = await openBrowser({ webgpu: true });
    dir = mkdtempSync(join(tmpdir(), 'ftp-e2e-project-'));
  });
  afterAll(async () => {
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('zips the run on screen, and PyTorch trains it to the loss the page showed', async () => {
    const p = b.page;
    await gotoApp(p, baseUrl, ONE_STEP_LINK);
    const ran = await trainOneStep(p);
    const why = JSON.stringify((await events(p)).filter((e) => e.type === 'error' || e.type === 'run-done' || e.type === 'crashed'));
    expect(ran, why).toMatch(/^finished/);
    const step = await p.evaluate(() => (window as unknown as { __ftp: { session: { getState: () => { methods: Record<string, { steps: StepEvent[] }> } } } }).__ftp.session.getState().methods.sgd?.steps[0]);
    const [download] = (await Promise.all([p.waitForEvent('download', { timeout: 120_000 }), p.click('[data-testid=export-pytorch]')])) as [Download, void];
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const root = download.suggestedFilename().replace(/\.zip$/, '');
    const file = (name: string): Uint8Array => files[`${root}/${name}`] as Uint8Array;

    const recipe = JSON.parse(strFromU8(file('recipe.json'))) as ProjectRecipe;
    expect(recipe).toMatchObject({ exportedBy: 'playground', model: { checkpoint: 'vit-adamw' }, data: { benchmark: 'style' } });
    expect(recipe.run).toMatchObject({ batchSize: 8, seed: 1, maxSteps: 1, augment: false });
    expect(recipe.methods.map((m) => m.id)).toEqual(['sgd']);
    const start = loadCheckpoint(buildModel(recipe.model.config), file('start.safetensors'), new Rng(0));
    start.model.dispose();
    expect(start.metadata).toMatchObject({ format: 'pt', name: 'vit-adamw' });
    expect(Object.keys(unzipSync(file('data.npz')))).toContain('train_pixels.npy');

    if (!hasTorch()) return;
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    const r = spawnSync(PYTHON, ['train.py', '--threads', '1'], { cwd: join(dir, root), encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const log = JSON.parse(readFileSync(join(dir, root, 'out', 'sgd.json'), 'utf8')) as { steps: { loss: number }[] };
    expect(log.steps).toHaveLength(1); // the page's step cap, from the recipe
    console.log(`browser step 1 loss ${step?.loss}, PyTorch ${log.steps[0]?.loss}`);
    expect(Math.abs((log.steps[0]?.loss ?? NaN) - (step?.loss ?? NaN))).toBeLessThan(1e-3);
  }, 400_000);
});
