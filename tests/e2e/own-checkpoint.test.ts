/**
 * "Bring your own checkpoint" in Chromium (issue 21, item 4): a one-step run's exported
 * safetensors, picked as the user's own checkpoint, loads back (the page's ID accuracy at its
 * step 0 is the first run's last) and the run's record keeps its name and SHA-256; `model=own`
 * with no file says why instead of falling back to a shipped model, and the share panel says a
 * link cannot carry it; a dropped file with a NaN is refused with its reason. Then the exported
 * PyTorch project's train.py trains a few steps and its saved weights, dropped on the page,
 * give the page an ID accuracy within 0.5 points of train.py's.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, type Opened } from '../../src/cli/chromium';
import { hasTorch } from '../../src/cli/python';
import { readSafetensors, serializeSafetensors } from '../../src/core/checkpoint/safetensors';
import type { EvalEvent } from '../../src/protocol/messages';
import type { RunSummary } from '../../src/ui/saved-runs/run-record';
import { gotoApp, openSettings } from './page-helpers';
import { closeWithFolder, downloaded, openWithFolder, runTrainPy } from './project-helpers';

import { trainOneStep } from './user-run';

const baseUrl = inject('baseUrl');

/** The pretrained micro ViT, one SGD step; 20 ID validation images per class, so 0.5 points is one image in 200. */
const LINK =
  '#model=vit-adamw&bench=style&seed=1&classes=&per_class=4&val_per_class=20&ood_per_class=2&steps=1&batch=8&methods=sgd&augment=false&seeds=1';

type Held = { pageRun: RunSummary; methods: Record<string, { evals: EvalEvent[] }> };
const held = (p: Page): Promise<Held> =>
  p.evaluate(() =>
    (window as unknown as { __ftp: { store: { getState: () => Held } } }).__ftp.store.getState(),
  );

/** The ID accuracy of the sgd run's evaluation at `which` ('first': its step 0, the starting weights). */
async function idAccuracy(p: Page, which: 'first' | 'last'): Promise<number> {
  const evals = (await held(p)).methods.sgd?.evals ?? [];
  const e = which === 'first' ? evals[0] : evals.at(-1);
  if (!e) throw new Error('no evaluation');
  if (which === 'first') expect(e.step).toBe(0);
  return e.id.accuracy;
}

/** Drops a file on the own-checkpoint box as a user drags one from the desktop. */
async function drop(p: Page, name: string, bytes: Uint8Array): Promise<void> {
  const dataTransfer = await p.evaluateHandle(
    ([n, b64]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], n));
      return dt;
    },
    [name, Buffer.from(bytes).toString('base64')] as const,
  );
  await p.dispatchEvent('[data-testid=own-checkpoint]', 'drop', { dataTransfer });
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe.skipIf(!hasChromium)('your own checkpoint', () => {
  let b: Opened;
  let dir: string;
  let project: { root: string; files: Record<string, Uint8Array> };
  beforeAll(async () => {
    ({ b, dir } = await openWithFolder('ftp-e2e-own-ckpt-'));
  });
  afterAll(() => closeWithFolder(b, dir));

  it('round-trips: exported weights, picked as your own, start the next run from exactly there', async () => {
    const p = b.page;
    await gotoApp(p, baseUrl, LINK);
    expect(await trainOneStep(p)).toMatch(/^finished/);
    const trained = await idAccuracy(p, 'last');
    const weights = await downloaded(p, '[data-testid=export-st-sgd]');
    const zip = await downloaded(p, '[data-testid=export-pytorch]');
    project = { root: zip.name.replace(/\.zip$/, ''), files: unzipSync(zip.bytes) };

    await openSettings(p); // the weights select sits in the settings, folded on a plain page
    await p.selectOption('#setting-model', 'own');
    await p.waitForFunction(() => location.hash.includes('model=own'));
    await expect
      .poll(() => p.textContent('[data-testid=share-own-checkpoint]'))
      .toMatch(/cannot carry your own checkpoint/);
    // No file yet: Train says why, and loads no shipped model instead.
    await p.click('[data-testid=train]');
    await p.waitForSelector('[role=alert]:has-text("model=own"):has-text("a link cannot carry")', {
      timeout: 10_000,
    });
    expect(
      await p.evaluate(() => document.querySelector('[data-testid=status]')?.textContent),
    ).not.toMatch(/^loading/);

    await p.setInputFiles('[data-testid=own-ckpt-input]', {
      name: weights.name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(weights.bytes),
    });
    await expect
      .poll(() => p.textContent('[data-testid=own-ckpt-fit]'), { timeout: 60_000 })
      .toContain(`SHA-256 ${sha(weights.bytes)}`);
    expect(await p.textContent('[data-testid=own-ckpt-fit]')).toMatch(
      /a micro ViT .*its head has \d+ classes.*saved after 1 steps of sgd/,
    );
    expect(await trainOneStep(p)).toMatch(/^finished/);
    expect(await idAccuracy(p, 'first')).toBeCloseTo(trained, 6);
    const run = (await held(p)).pageRun;
    expect(run.loaded?.checkpoint).toEqual({ file: weights.name, sha256: sha(weights.bytes) });
    expect(run.config.weights).toBe('own');
  }, 400_000);

  it('refuses a dropped checkpoint with a NaN, with its reason, and keeps the one it had; a reload asks for the file again', async () => {
    const p = b.page;
    const good = readSafetensors(project.files[`${project.root}/start.safetensors`] as Uint8Array);
    (good.tensors.get('blocks.0.norm1.weight')?.data as Float32Array).fill(NaN, 3, 4);
    await drop(p, 'nan.safetensors', serializeSafetensors(good.tensors, good.metadata));
    await expect
      .poll(() => p.textContent('[data-testid=own-ckpt-error]'), { timeout: 60_000 })
      .toMatch(
        /^Refused: nan\.safetensors, tensor "blocks\.0\.norm1\.weight": .*NaN or Inf.*\(still using fine-tuned-vit-sgd\.safetensors\)/,
      );
    // The file lives in this tab's memory only: after a reload the link still says model=own, and the page asks for it.
    await p.reload();
    await p.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
    expect(await p.inputValue('#setting-model')).toBe('own');
    expect(await p.textContent('[data-testid=own-ckpt-missing]')).toMatch(
      /keeps in memory only: pick or drop its \.safetensors file/,
    );
  }, 120_000);

  it("train.py's saved weights, dropped on the page, give train.py's ID accuracy within 0.5 points", async () => {
    if (!hasTorch()) return;
    const p = b.page;
    // More steps than the page ran, so these are PyTorch's own weights, not the page's.
    const { r, folder } = runTrainPy(dir, project, ['--max-steps', '4'], 240_000);
    expect(r.status, r.stderr).toBe(0);
    const log = JSON.parse(readFileSync(join(folder, 'out', 'sgd.json'), 'utf8')) as {
      evals: { step: number; id: number }[];
    };
    const torchId = log.evals.at(-1)?.id ?? NaN;
    const saved = new Uint8Array(readFileSync(join(folder, 'out', 'sgd.safetensors')));
    await drop(p, 'sgd.safetensors', saved);
    await expect
      .poll(() => p.textContent('[data-testid=own-ckpt-fit]'), { timeout: 60_000 })
      .toContain(`SHA-256 ${sha(saved)}`);
    expect(await trainOneStep(p)).toMatch(/^finished/);
    const pageId = await idAccuracy(p, 'first');
    console.log(
      `ID accuracy of train.py's weights (step ${log.evals.at(-1)?.step}): PyTorch ${(100 * torchId).toFixed(2)}%, the page ${(100 * pageId).toFixed(2)}%`,
    );
    expect(Math.abs(100 * pageId - 100 * torchId)).toBeLessThanOrEqual(0.5);
    expect((await held(p)).pageRun.loaded?.checkpoint).toEqual({
      file: 'sgd.safetensors',
      sha256: sha(saved),
    });
  }, 400_000);
});
