/**
 * Not a test: takes the screenshots in docs/screenshots (docs/ui.md) from the built app in
 * real Chromium, with a short classroom-preset run (4 methods, a few steps each) on the backend
 * the app picks without a GPU (wasm), so the charts have data. The first screen, before and after
 * the run, at 1280x720 (#22: the lesson fits it); the page's height before and after is printed.
 * Builds the test site (with the ?test hook) itself:
 *   npx tsx tests/e2e/take-screenshots.ts [steps per method, default 8]
 */
import { preview } from 'vite';
import { buildSite, TEST_SITE_DIR } from '../../src/cli/build-site';
import { openBrowser } from '../../src/cli/chromium';

const OUT = 'docs/screenshots';
const steps = Number(process.argv[2] ?? 8);

async function main(): Promise<void> {
  buildSite({ outDir: TEST_SITE_DIR, testHooks: true });
  const server = await preview({
    build: { outDir: TEST_SITE_DIR },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address');
  const b = await openBrowser({ webgpu: false });
  const p = b.page;
  try {
    await p.setViewportSize({ width: 1280, height: 720 });
    // The classroom preset (the defaults), capped at a few steps per method for the picture.
    await p.goto(`${url}?test#steps=${steps}`); // the backend the app picks (wasm without a GPU)
    await p.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
    await p.selectOption('#theme', 'light');
    await p.waitForSelector('[data-testid=samples-ood] canvas', { timeout: 120_000 });
    const height = (): Promise<number> =>
      p.evaluate(() => document.scrollingElement?.scrollHeight ?? 0);
    const before = await height();
    await p.screenshot({ path: `${OUT}/first-screen.png` });
    await p.locator('[data-testid=guided]').screenshot({ path: `${OUT}/guided-mode.png` });
    await p.locator('[data-testid=samples]').screenshot({ path: `${OUT}/samples.png` });
    await p.selectOption('#theme', 'dark');
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.screenshot({ path: `${OUT}/first-screen-dark.png` });
    await p.selectOption('#theme', 'light');

    await p.click('[data-testid=train]');
    await p.waitForFunction(
      () =>
        ['finished', 'failed'].includes(
          (
            window as unknown as { __ftp: { session: { getState: () => { status: string } } } }
          ).__ftp.session.getState().status,
        ),
      null,
      {
        timeout: 20 * 60_000,
        polling: 500,
      },
    );
    await p.waitForTimeout(2500); // the charts follow the store once a second
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.screenshot({ path: `${OUT}/first-screen-after-run.png` });
    console.log(`page height at 1280x720: ${before} px before the run, ${await height()} px after`);
    // Charts redraw only near the screen (features/charts/on-screen.tsx): scroll through them as
    // a reader would, so each has drawn the run before the section is captured.
    for (const c of await p.locator('.charts [data-chart]').all()) {
      if (!(await c.isVisible())) continue; // folded under "More on the gradients"
      await c.scrollIntoViewIfNeeded();
      await p.waitForTimeout(1500);
    }
    await p.locator('.charts').screenshot({ path: `${OUT}/live-charts.png` });
    await p.locator('[data-section=results]').screenshot({ path: `${OUT}/results-table.png` });
    await p.locator('[data-testid=export]').screenshot({ path: `${OUT}/export.png` });
    await p.locator('[data-testid=history]').screenshot({ path: `${OUT}/history.png` });
    console.log(`screenshots in ${OUT}; console errors: ${b.consoleErrors.length}`);
  } finally {
    await b.close();
    await new Promise<void>((res) => server.httpServer.close(() => res()));
  }
}

await main();
