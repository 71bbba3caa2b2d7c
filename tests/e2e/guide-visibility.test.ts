/**
 * The pinned guide never hides what it points at (issue #22): at 1280x720 and 1440x900, for
 * each guided step, what the step shows is fully inside the window and below the guide's bottom
 * edge. Step 1 shows the sample images. Steps 2-5 train: right after "Set up this step" they
 * show the Run buttons (Run included), and once the class presses Run, the step's chart
 * (ratio, drift, accuracy, memory). Last, a class that scrolls back up to the results table
 * (under the Run button, #22) finds its top below the guide, not under it. Each run is tiny (two steps of a few images, wasm backend);
 * the chart is checked when the guide scrolled to it and again when the run has finished.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';
import { GUIDED_STEPS } from '../../src/ui/features/insight/guided-steps';

const baseUrl = inject('baseUrl');
const TINY =
  '#seed=1&seeds=1&per_class=4&val_per_class=2&ood_per_class=2&steps=2&batch=8&augment=false';

interface Placement {
  top: number;
  bottom: number;
  left: number;
  right: number;
  guideBottom: number;
  width: number;
  height: number;
}

/** Where `sel` is in the window, beside the guide's bottom edge; null when not on the page. */
function placement(page: Page, sel: string): Promise<Placement | null> {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    const guide = document.querySelector('[data-testid=guided]');
    if (!el || !guide) return null;
    const r = el.getBoundingClientRect();
    return {
      top: r.top,
      bottom: r.bottom,
      left: r.left,
      right: r.right,
      guideBottom: guide.getBoundingClientRect().bottom,
      width: innerWidth,
      height: innerHeight,
    };
  }, sel);
}

const visibleBelowGuide = (p: Placement | null): boolean =>
  p !== null && p.top >= p.guideBottom && p.bottom <= p.height && p.left >= 0 && p.right <= p.width;
const fmt = (p: Placement | null): string =>
  p
    ? `top ${Math.round(p.top)}, bottom ${Math.round(p.bottom)} (guide ends at ${Math.round(p.guideBottom)}, window ${p.height})`
    : 'absent';

/** Waits (polling in the page) until `sel` is fully visible below the guide; the last placement either way. */
async function waitVisible(page: Page, sel: string, timeout = 5_000): Promise<Placement | null> {
  await page
    .waitForFunction(
      (s) => {
        const el = document.querySelector(s);
        const g = document.querySelector('[data-testid=guided]')?.getBoundingClientRect();
        if (!el || !g) return false;
        const r = el.getBoundingClientRect();
        return r.top >= g.bottom && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
      },
      sel,
      { timeout, polling: 100 },
    )
    .catch(() => undefined);
  return placement(page, sel);
}

async function expectVisible(
  page: Page,
  sel: string,
  what: string,
  timeout?: number,
): Promise<void> {
  const p = await waitVisible(page, sel, timeout);
  console.info(`  ${what}: ${fmt(p)}`);
  expect(visibleBelowGuide(p), `${what} (${sel}): ${fmt(p)}`).toBe(true);
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  describe.skipIf(!hasChromium)(`the guide keeps its target in view, ${width}x${height}`, () => {
    let b: Opened;
    beforeAll(async () => {
      b = await openBrowser({ webgpu: false });
      await b.page.setViewportSize({ width, height });
      await b.page.emulateMedia({ reducedMotion: 'reduce' }); // instant scrolls: the test reads the end position
      await b.page.goto(`${baseUrl}?test&backend=wasm${TINY}`);
      await b.page.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
      await b.page.waitForSelector('[data-testid=samples-ood] canvas', { timeout: 120_000 });
    }, 180_000);
    afterAll(async () => b?.close());

    it('step 1: the sample images', async () => {
      console.info(`${width}x${height}, step 1 (${GUIDED_STEPS[0]?.title}):`);
      await b.page.getByRole('button', { name: 'Show me' }).click();
      await expectVisible(b.page, '[data-testid=samples]', 'sample images');
    });

    // The lesson's steps (the optional last one runs six methods: its wiring is a unit test).
    GUIDED_STEPS.slice(1)
      .filter((s) => !s.optional)
      .forEach((step, k) => {
        it(`step ${k + 2}: the Run button, then the ${step.config.focus} chart once the run starts`, async () => {
          const p = b.page;
          console.info(`${width}x${height}, step ${k + 2} (${step.title}):`);
          await p.getByRole('button', { name: 'Next' }).click();
          await p.getByRole('button', { name: 'Set up this step' }).click();
          await expectVisible(p, '[data-testid=train]', 'Run button');
          await expectVisible(p, '[data-testid=run-controls]', 'Run buttons');
          expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
            'train',
          );
          await p.click('[data-testid=train]');
          const chart = `[data-chart=${step.config.focus}]`;
          await expectVisible(p, chart, `${step.config.focus} chart, after Run`, 120_000);
          await p.waitForFunction(
            () =>
              /^(finished|failed)/.test(
                document.querySelector('[data-testid=status]')?.textContent ?? '',
              ),
            undefined,
            { timeout: 240_000, polling: 250 },
          );
          expect(await p.textContent('[data-testid=status]')).toMatch(/^finished/);
          await p.waitForTimeout(1500); // the charts follow the store once a second
          await expectVisible(p, chart, `${step.config.focus} chart, run finished`);
        }, 300_000);
      });

    it('scrolled back to the results table, its top is below the guide', async () => {
      const p = b.page;
      await p.mouse.wheel(0, -20_000); // the user scrolls: the guide stops keeping its chart in place
      await p.waitForTimeout(300);
      for (const how of ['scrollIntoView', 'from the bottom'] as const) {
        if (how === 'scrollIntoView')
          await p.evaluate(() =>
            document.querySelector('[data-section=results]')?.scrollIntoView({ block: 'start' }),
          );
        else {
          await p.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
          await p.locator('[data-testid=results]').scrollIntoViewIfNeeded();
        }
        const r = await placement(p, '[data-testid=results]');
        console.info(`  results table (${how}): ${fmt(r)}`);
        expect(
          r !== null && r.top >= r.guideBottom && r.top < r.height,
          `results table (${how}): ${fmt(r)}`,
        ).toBe(true);
      }
    });
  });
}
