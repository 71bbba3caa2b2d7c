/**
 * Faults as first-class rows, and a teacher's link in force (#22 items 3, 4), at 1280x720: a
 * link sets SGD's rate to 10 (hidden) and AdamW's to 7e-4 (not hidden); "Run" runs those
 * values, and the two methods that share the rate 10 show as diverged in
 * the live table and the results table, with one alert saying why.
 */
import { describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser } from '../../src/cli/chromium';
import { gotoApp, waitFor, waitPoolEnd } from './page-helpers';

const baseUrl = inject('baseUrl');
const LINK =
  '#lr_sgdm=10&lr_sgdm_hide=true&lr_adamw=0.0007&steps=24&epochs=5&per_class=16&val_per_class=4&ood_per_class=4&batch=16&seeds=1';

describe.skipIf(!hasChromium)('faults and a link in force', () => {
  it("a shared rate of 10 kills both SGD methods: both tables say so, and Run kept the link's values", async () => {
    const b = await openBrowser({ webgpu: false });
    try {
      await b.page.setViewportSize({ width: 1280, height: 720 });
      await gotoApp(b.page, baseUrl, LINK);
      await waitFor(b.page, ['ready', 'error']);
      await b.page.click('[data-testid=train]');
      const config = (): Promise<{ lrSgdm: number; lrAdamw: number; methods: string[] }> =>
        b.page.evaluate(
          () =>
            (
              window as unknown as {
                __ftp: {
                  store: {
                    getState: () => {
                      config: { lrSgdm: number; lrAdamw: number; methods: string[] };
                    };
                  };
                };
              }
            ).__ftp.store.getState().config,
        );
      expect(await config()).toMatchObject({ lrSgdm: 10, lrAdamw: 0.0007 });
      expect((await config()).methods).toHaveLength(4);
      // The whole pool's end (its workers share the four methods), not one worker's run-done.
      const end = await waitPoolEnd(b.page);
      const lastLoss = await b.page.evaluate(() =>
        Object.fromEntries(
          Object.entries(
            (
              window as unknown as {
                __ftp: {
                  store: {
                    getState: () => {
                      methods: Record<string, { steps: { loss: number }[]; failed?: unknown }>;
                    };
                  };
                };
              }
            ).__ftp.store.getState().methods,
          ).map(([id, h]) => [
            id,
            { loss: h.steps.at(-1)?.loss, steps: h.steps.length, failed: h.failed },
          ]),
        ),
      );
      process.stderr.write(
        `faults: pool ${JSON.stringify(end.cells.map((c) => [c.methodId, c.worker, c.state, c.step]))}; methods ${JSON.stringify(lastLoss)}\n`,
      );
      expect(end.cells.map((c) => c.state).sort()).toEqual([
        'diverged',
        'diverged',
        'done',
        'done',
      ]);
      await b.page.waitForTimeout(1500); // the results table follows the store once a second
      for (const id of ['sgd', 'sgd-freeze']) {
        const row = b.page.locator(`[data-testid=methods] tr[data-method="${id}"]`);
        await expect(row.getAttribute('data-fault')).resolves.toBe('diverged');
        await expect(row.locator('td').first().textContent()).resolves.toMatch(
          /^diverged at step \d+ \(NaN\/Inf\)$/,
        );
        // The pooled headline (one seed here) and the seed's own row: the fault, never a number.
        const cells = await b.page
          .locator(`[data-testid=results] tbody td[data-method="${id}"]`)
          .allTextContents();
        expect(
          cells.slice(0, 3).every((t) => /^diverged at step \d+ \(NaN\/Inf\)$/.test(t)),
          cells.join(' | '),
        ).toBe(true);
      }
      const alerts = await b.page.locator('[data-testid=alerts] [role=alert]').allTextContents();
      expect(
        alerts.filter((t) => /share the rate 10 and both diverged/.test(t)),
        alerts.join(' | '),
      ).toHaveLength(1);
      if (process.env.FAULTS_SCREENSHOTS) {
        // For looking at: the alerts and the live table, then the results table.
        await b.page.locator('[data-testid=alerts]').scrollIntoViewIfNeeded();
        await b.page.screenshot({ path: `${process.env.FAULTS_SCREENSHOTS}/faults-alerts.png` });
        await b.page
          .locator('[data-testid=results]')
          .screenshot({ path: `${process.env.FAULTS_SCREENSHOTS}/faults-results.png` });
      }
      // AdamW was not killed: it has numbers, not a fault.
      await expect(
        b.page
          .locator('[data-testid=results] tbody tr.pooled-row + tr td[data-method=adamw]')
          .textContent(),
      ).resolves.toMatch(/^[\d.]+ \[[\d.]+\]/);
    } finally {
      await b.close();
    }
  });
});
