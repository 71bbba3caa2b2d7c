/**
 * A checkpoint of the family (issue #20) in the lesson, in Chromium on the wasm backend: a user
 * picks a non-default member in the weights select, the link and the "In force" note follow,
 * a tiny run (two seeds, SGD and AdamW, two steps each) trains from it (its weights fetched from
 * models/family/ and checked against their SHA-256 in the worker), the run's record names it,
 * and the recorded family scatter rings its point and draws "your run" beside it. The ratio
 * chart marks the paper's values. Pictures go to .cache/family-scatter.png and ratio-paper-marks.png.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';
import { openSettings } from './page-helpers';
import { trainOneStep } from './user-run';

const baseUrl = inject('baseUrl');
const MEMBER = 'fam-vit-sgd-e1';
/** The lesson's data, cut to a few images; the shipped default checkpoint until the user picks. */
const LINK =
  '#model=vit-adamw&bench=acquisition&strength=1&classes=0,1&per_class=4&val_per_class=2&ood_per_class=2&steps=2&batch=8&methods=sgd,adamw&augment=false&seeds=2&workers=1';

type Held = { pageRun: { config: { weights: string } } | null; loaded: { family: string } | null };
const held = (p: Opened['page']): Promise<Held> =>
  p.evaluate(() =>
    (window as unknown as { __ftp: { store: { getState: () => Held } } }).__ftp.store.getState(),
  );

describe.skipIf(!hasChromium)('a checkpoint of the family in the lesson', () => {
  let b: Opened;
  beforeAll(async () => {
    b = await openBrowser({ webgpu: false });
  });
  afterAll(async () => b?.close());

  it('is picked, trained, ringed on the family scatter, and the run drawn as "your run"', async () => {
    const p = b.page;
    const fetched: string[] = [];
    p.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await p.goto(`${baseUrl}?test&backend=wasm${LINK}`);
    await p.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
    await p.waitForSelector('#setting-model option[value="vit-adamw"]', { state: 'attached' });
    // The family's manifest is fetched when the settings are first opened, not with the page.
    expect(fetched.filter((u) => u.includes('/models/family/'))).toEqual([]);
    await openSettings(p);
    // The select lists the family from its manifest, each member by its design.
    await p.waitForSelector(`#setting-model option[value="${MEMBER}"]`, {
      state: 'attached',
      timeout: 30_000,
    });
    expect(await p.textContent(`#setting-model option[value="${MEMBER}"]`)).toMatch(
      /checkpoint family F2, micro ViT: optimizer \(SGD\); gradient ratio 0\.52/,
    );
    expect(fetched.some((u) => u.endsWith('.safetensors') && u.includes('/models/family/'))).toBe(
      false,
    ); // listed, not fetched
    await p.selectOption('#setting-model', MEMBER);
    await p.waitForFunction((m) => location.hash.includes(`model=${m}`), MEMBER);
    expect(await p.textContent('[data-testid=settings-in-force]')).toContain(
      `In force: ${MEMBER} on acquisition`,
    );

    expect(await trainOneStep(p, 400_000)).toMatch(/^finished/);
    expect(
      fetched.filter((u) => u.endsWith(`/models/family/${MEMBER}.safetensors`)).length,
    ).toBeGreaterThan(0);
    const run = await held(p);
    expect(run.pageRun?.config.weights).toBe(MEMBER);
    expect(run.loaded?.family).toBe('vit');

    // The scatter redraws near the screen only (on-screen.tsx): bring it there.
    const fig = p.locator('[data-chart=family]');
    await fig.scrollIntoViewIfNeeded();
    await expect
      .poll(() => p.getAttribute('[data-testid=family-live]', 'data-live'), { timeout: 30_000 })
      .toBe(MEMBER);
    expect(await p.textContent('[data-testid=family-live]')).toMatch(
      new RegExp(
        `this lesson’s checkpoint: ${MEMBER} \\(F2: optimizer \\(SGD\\)\\): ratio 0\\.52; AdamW − SGD −2\\.1 points \\(90% interval −6\\.4 to \\+2\\.2\\), n = 5 seeds`,
      ),
    );
    await expect
      .poll(() => p.locator('[data-testid=family-you]').count(), { timeout: 30_000 })
      .toBe(1);
    const you = (await p.textContent('[data-testid=family-you]')) ?? '';
    console.info(`family scatter, your run: ${you}`);
    expect(you).toMatch(
      /your run \(.*\): ratio \d+\.\d\d; AdamW − SGD [+−]\d+\.\d points( \(90% interval .*\))?, n = 2 seeds/,
    );
    // Drawn, in the svg: the ring around the member's point, the run's own marker, the paper's three models.
    expect(await fig.locator('svg .family-ring').count()).toBe(1);
    expect(await fig.locator('svg .family-you path.recharts-symbols').count()).toBe(1);
    expect(await fig.locator('svg .family-paper path.recharts-symbols').count()).toBe(3);
    expect(
      await fig.locator('svg .family-unmeasured path.recharts-symbols').count(),
    ).toBeGreaterThan(0);
    expect(await p.textContent('[data-testid=family-correlation]')).toMatch(
      /^Spearman’s ρ between the ratio and AdamW’s lead: .*\(90% interval .* n = \d+ checkpoints\)\./,
    );
    // A checkpoint without a measured gap says so on hover, and is never a gap of 0.
    await fig.locator('svg .family-unmeasured path.recharts-symbols').first().hover();
    await expect
      .poll(() => fig.locator('.chart-tip').textContent(), { timeout: 10_000 })
      .toMatch(/: ratio \d+\.\d\d; gap not measured$/);
    await p.mouse.move(0, 0);
    mkdirSync('.cache', { recursive: true });
    await fig.screenshot({ path: '.cache/family-scatter.png' });

    // The live ratio chart marks the paper's values.
    await p.locator('[data-chart=ratio]').scrollIntoViewIfNeeded();
    await expect
      .poll(() => p.locator('[data-chart=ratio] .paper-mark').count(), { timeout: 30_000 })
      .toBe(2);
    expect(await p.locator('[data-chart=ratio] svg').textContent()).toContain(
      'paper: BiT ResNet-50 0.27',
    );
    await p.locator('[data-chart=ratio]').screenshot({ path: '.cache/ratio-paper-marks.png' });
  }, 600_000);
});
