/**
 * Driving the deployed build (no `?test` hook) as a user does: a link sets a one-step run, the
 * Train button starts it, the status line says when it ends. Plus the page's record of
 * Content-Security-Policy violations.
 */
import type { Page } from 'playwright-core';

/**
 * A pretrained micro ViT (so the checkpoint is fetched, from the precache once offline) on a
 * small subset of one benchmark, one SGD step: seconds on any backend.
 */
export const ONE_STEP_LINK =
  '#model=vit-adamw&bench=style&seed=1&classes=&per_class=4&val_per_class=2&ood_per_class=2&steps=1&batch=8&methods=sgd&augment=false&seeds=1';

/** Clicks Train and waits for the status line to say the run finished (or failed: returned). */
export async function trainOneStep(page: Page, timeout = 120_000): Promise<string> {
  await page.click('[data-testid=train]');
  const handle = await page.waitForFunction(
    () => {
      const text = document.querySelector('[data-testid=status]')?.textContent ?? '';
      const error = document.querySelector('[data-testid=error]')?.textContent;
      return /^(finished|failed)/.test(text) ? `${text}${error ? ` / ${error}` : ''}` : false;
    },
    undefined,
    { timeout, polling: 200 },
  );
  return (await handle.jsonValue()) as string;
}

/** Records every securitypolicyviolation event of the page's documents from their first script on. */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(
        `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}
