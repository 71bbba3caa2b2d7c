/**
 * The Export panel's "PyTorch project" in the real app, in Chromium: after a one-step run the
 * button downloads a zip whose recipe is the run on screen, whose data.npz holds the loaded
 * images, whose starting weights load into the engine, and whose train.py (Debian's PyTorch,
 * run as its README says) gives the step loss the page showed, computed on the browser's
 * backend (1e-3: WebGPU on the software adapter sums in another order than PyTorch's CPU), and
 * ends with the best-ID table. Then the controls change (weights to random, the rate, seed,
 * benchmark, batch, steps) and every export still describes the run (issue 24, item 4).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, type Opened } from '../../src/cli/chromium';
import { hasTorch } from '../../src/cli/python';
import { loadCheckpoint } from '../../src/core/checkpoint/checkpoint';
import { buildModel } from '../../src/core/models/build-model';
import { Rng } from '../../src/core/rng';
import type { ProjectRecipe } from '../../src/project/project-recipe';
import type { StepEvent } from '../../src/protocol/messages';
import type { RunSummary } from '../../src/ui/saved-runs/run-record';
import type { Config } from '../../src/ui/settings/settings-table';
import type { Page } from 'playwright-core';
import { events, gotoApp, openSettings } from './page-helpers';
import { closeWithFolder, downloaded, openWithFolder, runTrainPy } from './project-helpers';

import { ONE_STEP_LINK, trainOneStep } from './user-run';

const baseUrl = inject('baseUrl');

/** The project zip's files by name inside its folder, and the folder. */
async function projectZip(p: Page): Promise<{
  root: string;
  files: Record<string, Uint8Array>;
  file: (name: string) => Uint8Array;
}> {
  const d = await downloaded(p, '[data-testid=export-pytorch]');
  const files = unzipSync(d.bytes);
  const root = d.name.replace(/\.zip$/, '');
  return { root, files, file: (name) => files[`${root}/${name}`] as Uint8Array };
}

/** The record of the page's last run (saved-runs-slice.ts pageRun). */
function pageRun(p: Page): Promise<RunSummary> {
  return p.evaluate(
    () =>
      (
        window as unknown as { __ftp: { store: { getState: () => { pageRun: RunSummary } } } }
      ).__ftp.store.getState().pageRun,
  );
}

describe.skipIf(!hasChromium)('the PyTorch project export', () => {
  let b: Opened;
  let dir: string;
  beforeAll(async () => {
    ({ b, dir } = await openWithFolder('ftp-e2e-project-'));
  });
  afterAll(() => closeWithFolder(b, dir));

  it('zips the run on screen, and PyTorch trains it to the loss the page showed', async () => {
    const p = b.page;
    await gotoApp(p, baseUrl, ONE_STEP_LINK);
    const ran = await trainOneStep(p);
    const why = JSON.stringify(
      (await events(p)).filter(
        (e) => e.type === 'error' || e.type === 'run-done' || e.type === 'crashed',
      ),
    );
    expect(ran, why).toMatch(/^finished/);
    const step = await p.evaluate(
      () =>
        (
          window as unknown as {
            __ftp: {
              session: { getState: () => { methods: Record<string, { steps: StepEvent[] }> } };
            };
          }
        ).__ftp.session.getState().methods.sgd?.steps[0],
    );
    const { root, files, file } = await projectZip(p);

    const recipe = JSON.parse(strFromU8(file('recipe.json'))) as ProjectRecipe;
    expect(recipe).toMatchObject({
      exportedBy: 'playground',
      model: { checkpoint: 'vit-adamw' },
      data: { benchmark: 'style' },
    });
    expect(recipe.run).toMatchObject({ batchSize: 8, seed: 1, maxSteps: 1, augment: false });
    expect(recipe.methods.map((m) => m.id)).toEqual(['sgd']);
    const start = loadCheckpoint(
      buildModel(recipe.model.config),
      file('start.safetensors'),
      new Rng(0),
    );
    start.model.dispose();
    expect(start.metadata).toMatchObject({ format: 'pt', name: 'vit-adamw' });
    expect(Object.keys(unzipSync(file('data.npz')))).toContain('train_pixels.npy');

    if (!hasTorch()) return;
    // As the README says: cd <folder>, then python3 train.py.
    expect(strFromU8(file('README.md'))).toContain(`cd ${root}\npython3 train.py`);
    const { r, folder } = runTrainPy(dir, { root, files }, [], 120_000);
    expect(r.status, r.stderr).toBe(0);
    // Its closing table, as the page's results: method, best ID, OOD at that step, ...
    expect(r.stdout).toMatch(
      /^Results, in %.*\nmethod +best ID +OOD at that step +step +final ID +final OOD +status\nsgd +[\d.]+ +[\d.]+ +[01] +[\d.]+ +[\d.]+ +finished$/m,
    );
    const log = JSON.parse(readFileSync(join(folder, 'out', 'sgd.json'), 'utf8')) as {
      steps: { loss: number }[];
    };
    expect(log.steps).toHaveLength(1); // the page's step cap, from the recipe
    console.log(`browser step 1 loss ${step?.loss}, PyTorch ${log.steps[0]?.loss}`);
    expect(Math.abs((log.steps[0]?.loss ?? NaN) - (step?.loss ?? NaN))).toBeLessThan(1e-3);
  }, 400_000);

  it('after the controls change, the metrics, the weights and the project still describe the run', async () => {
    const p = b.page;
    const run = await pageRun(p);
    expect(run.config).toMatchObject({
      weights: 'vit-adamw',
      seed: 1,
      benchmark: 'style',
      batchSize: 8,
      steps: 1,
    });
    // A user changes the controls after the run: other weights, a rate of 0.5, seed, data, batch, steps.
    await openSettings(p); // folded under the run on a plain page
    await p.selectOption('#setting-model', 'random');
    await p.fill('#setting-lr_sgdm', '0.5');
    await p.fill('#setting-seed', '7');
    await p.selectOption('#setting-bench', 'spurious');
    await p.fill('#setting-batch', '16');
    await p.fill('#setting-steps', '5');
    await p.waitForFunction(() =>
      ['model=random', 'lr_sgdm=0.5', 'seed=7', 'bench=spurious', 'batch=16', 'steps=5'].every(
        (kv) => location.hash.includes(kv),
      ),
    );

    const { file } = await projectZip(p);
    const recipe = JSON.parse(strFromU8(file('recipe.json'))) as ProjectRecipe;
    expect(recipe).toMatchObject({
      model: { checkpoint: 'vit-adamw' },
      data: { benchmark: 'style' },
      run: { seed: 1, batchSize: 8, maxSteps: 1 },
      origin: { from: 'run', runId: run.id, hash: run.hash },
    });
    expect(recipe.methods.map((m) => [m.id, m.optimizer.lr])).toEqual([['sgd', run.config.lrSgdm]]);
    const readme = strFromU8(file('README.md'));
    expect(readme).toContain('pretrained checkpoint `vit-adamw`');
    expect(readme).not.toContain('random initial weights');
    expect(readme).not.toContain('lr 0.5');
    const start = loadCheckpoint(
      buildModel(recipe.model.config),
      file('start.safetensors'),
      new Rng(0),
    );
    start.model.dispose();
    expect(start.metadata).toMatchObject({ name: 'vit-adamw', method: 'start' });

    const json = JSON.parse(
      new TextDecoder().decode((await downloaded(p, '[data-testid=export-json]')).bytes),
    ) as { settingsFrom: string; runId: string; config: Config; hash: string };
    expect(json).toMatchObject({ settingsFrom: 'run', runId: run.id, hash: run.hash });
    expect(json.config).toEqual(run.config);

    const tfjs = unzipSync((await downloaded(p, '[data-testid=export-tfjs-sgd]')).bytes);
    const meta = JSON.parse(strFromU8(tfjs['metadata.json'] as Uint8Array)) as {
      settings: Config;
      link: string;
    };
    expect(meta.settings).toEqual(run.config);
    expect(meta.link).toBe(run.hash);
  }, 300_000);
});
