/**
 * An automated accessibility check of the first screen in real Chromium, with axe-core (the
 * standard engine behind Lighthouse's and most browsers' accessibility audits): no 'serious'
 * or 'critical' violation in the light theme or the dark one. axe is injected from
 * node_modules into the built app, so the site itself does not ship it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';

const baseUrl = inject('baseUrl');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

describe.skipIf(!hasChromium)('accessibility (axe-core)', () => {
  let b: Opened;
  beforeAll(async () => {
    b = await openBrowser({ webgpu: false });
    await b.page.goto(`${baseUrl}?test&backend=cpu`);
    await b.page.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
    // The first screen as a visitor sees it: with the sample images drawn.
    await b.page.waitForSelector('[data-testid=samples-ood] canvas', { timeout: 120_000 });
    // Through the DevTools protocol: the site's CSP refuses an injected inline <script>.
    await b.page.evaluate(readFileSync(AXE, 'utf8'));
  });
  afterAll(async () => b?.close());

  for (const theme of ['light', 'dark'] as const) {
    it(`no serious or critical violations on the first screen, ${theme} theme`, async () => {
      const p = b.page;
      await p.selectOption('#theme', theme);
      await p.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      const { violations, passed } = await p.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                ctx: Document,
                opts: object,
              ) => Promise<{ violations: Violation[]; passes: { id: string }[] }>;
            };
          }
        ).axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return {
          passed: r.passes.map((x) => x.id),
          violations: r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes
              .slice(0, 5)
              .map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
          })),
        };
      });
      // axe really looked: the page's labels, contrast and landmarks were checked.
      expect(passed).toEqual(expect.arrayContaining(['label', 'color-contrast', 'button-name']));
      const minor = violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
      if (minor.length)
        console.info(
          `axe, ${theme}: minor/moderate: ${minor.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`,
        );
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      // The whole report on failure: which rule, where, and why.
      expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);
    });
  }
});
