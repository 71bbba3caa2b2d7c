/**
 * The paper's other methods on the page, in Chromium: each is ticked under "Other methods the
 * paper tried" (with its line on what it does and its bytes per parameter), the link follows,
 * and a tiny run (a few-thousand-parameter ViT, 4 steps per method, one seed) trains every one
 * of them and puts each in the results table.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';
import { openSettings } from './page-helpers';

const baseUrl = inject('baseUrl');
const OTHERS = ['gradual-unfreeze', 'lamb', 'lars', 'sgd-embed-lr0.2', 'lp-ft', 'lp-ft-freeze'];
const LINK =
  '#model=random&arch=vit&size=tiny&bench=style&seed=3&per_class=4&val_per_class=2&ood_per_class=2&classes=&steps=4&batch=8&methods=sgd-freeze&lr_sgdm=0.003&augment=false&seeds=1&workers=1';

type Win = {
  __ftp: {
    session: { getState: () => { status: string } };
    store: { getState: () => { methods: Record<string, { steps: { loss: number }[] }> } };
  };
};

async function waitStatus(page: Page, want: string[], timeout = 400_000): Promise<void> {
  await page.waitForFunction(
    (w) => w.includes((window as unknown as Win).__ftp.session.getState().status),
    want,
    { timeout, polling: 250 },
  );
}

describe.skipIf(!hasChromium)("the paper's other methods on the page", () => {
  let b: Opened;
  beforeAll(async () => {
    b = await openBrowser({ webgpu: true });
  });
  afterAll(async () => b?.close());

  it('ticks each, sets the embedding multiplier, trains them all and shows each in the results table', async () => {
    const p = b.page;
    await p.goto(`${baseUrl}?test${LINK}`);
    await p.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
    await openSettings(p); // the method grid sits in the settings, folded on a plain page
    for (const id of OTHERS) {
      const row = p.locator(`[data-other-method="${id}"]`);
      expect((await row.locator('td').first().textContent())?.length, id).toBeGreaterThan(30); // what it does
      expect(await row.locator('td').nth(1).textContent(), id).toMatch(
        /^(8|12|16) B per trained parameter/,
      );
      await p.click(`[data-method-id="${id}"]`);
    }
    await p.fill('#setting-embed_lr', '0.3');
    await p.waitForFunction(
      (ids) =>
        location.hash.includes(`methods=sgd-freeze,${ids.join(',')}`) &&
        location.hash.includes('embed_lr=0.3'),
      OTHERS,
    );

    await p.click('[data-testid=train]');
    await waitStatus(p, ['finished', 'failed']);
    expect(await p.evaluate(() => (window as unknown as Win).__ftp.session.getState().status)).toBe(
      'finished',
    );
    const steps = await p.evaluate(() =>
      Object.fromEntries(
        Object.entries((window as unknown as Win).__ftp.store.getState().methods).map(([id, h]) => [
          id,
          h.steps.map((s) => s.loss),
        ]),
      ),
    );
    for (const id of ['sgd-freeze', ...OTHERS]) {
      expect(steps[id], id).toHaveLength(4);
      expect(steps[id]?.every(Number.isFinite), id).toBe(true);
      const cells = await p
        .locator(`[data-testid=results] tbody td[data-method="${id}"]`)
        .allTextContents();
      expect(
        cells.some((t) => /^[\d.]+ \[[\d.]+\]/.test(t)),
        `${id}: ${cells.join(' | ')}`,
      ).toBe(true);
    }
  }, 600_000);
});
