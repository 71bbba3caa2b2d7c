/**
 * The build users deploy (`npm run build`'s dist/, made by global-setup), as a static host
 * serves it under a sub-path with the CSP header of docs/deploy.md: no source maps and no test
 * hook in it; in Chromium it loads a benchmark and a checkpoint and trains a step with zero
 * Content-Security-Policy violations and without one request leaving the origin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_SITE_DIR } from '../../src/cli/build-site';
import { hasChromium, openBrowser } from '../../src/cli/chromium';
import { cspMeta } from '../../tools/build/csp';
import { serveStatic, type StaticSite } from './static-server';
import { cspViolations, ONE_STEP_LINK, recordCspViolations, trainOneStep } from './user-run';

const distDir = inject('distDir');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe.skipIf(!hasChromium)('the deployed build', () => {
  let site: StaticSite;
  beforeAll(async () => {
    site = await serveStatic(distDir, '/playground/');
  });
  afterAll(async () => site?.close());

  it('ships no source maps and no test hook, and carries the CSP', () => {
    const all = files(distDir).map((f) => relative(distDir, f));
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
    const scripts = all.filter((f) => f.endsWith('.js'));
    expect(scripts).toContain('sw.js');
    for (const f of scripts) {
      const js = readFileSync(join(distDir, f), 'utf8');
      expect(js, f).not.toContain('__ftp');
      expect(js, f).not.toContain('sourceMappingURL');
    }
    // The grep can see the hook: the e2e build, made with VITE_TEST_HOOKS=1, has it.
    const testBuild = files(TEST_SITE_DIR).filter((f) => f.endsWith('.js'));
    expect(testBuild.some((f) => readFileSync(f, 'utf8').includes('__ftp'))).toBe(true);
    const html = readFileSync(join(distDir, 'index.html'), 'utf8').replaceAll('&#39;', "'");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${cspMeta()}">`);
  });

  it('under /playground/: trains a step with zero CSP violations, nothing fetched off the origin, and ?test does nothing', async () => {
    const b = await openBrowser({ webgpu: false });
    try {
      // Every request of the context: the page, its training worker and the service worker.
      const offOrigin: string[] = [];
      const seen: string[] = [];
      b.context.on('request', (r) => {
        const url = new URL(r.url());
        if (url.protocol === 'data:' || url.protocol === 'blob:') return;
        seen.push(url.pathname);
        if (url.origin !== site.origin) offOrigin.push(r.url());
      });
      const cspConsole: string[] = [];
      b.page.on(
        'console',
        (m) => /Content.Security.Policy/i.test(m.text()) && cspConsole.push(m.text()),
      );
      await recordCspViolations(b.page);

      // No forced backend: the page picks as it would for a visitor (without a GPU here: the
      // WebAssembly backend, which needs the policy's 'wasm-unsafe-eval').
      await b.page.goto(`${site.url}?test${ONE_STEP_LINK}`);
      expect(await trainOneStep(b.page)).toMatch(/^finished/);
      // The status line names what was loaded: the pretrained ViT on 40 training images.
      await expect(b.page.textContent('[data-testid=status]')).resolves.toMatch(
        /vit, [\d,]+ parameters( \+ \d+ in the \d+-class head)?, 40 training images/,
      );

      expect(await b.page.textContent('[data-testid=backend]')).toMatch(/^Training on /);
      expect(await b.page.evaluate(() => '__ftp' in window)).toBe(false);
      // The checkpoint and the shards came from under the sub-path.
      expect(seen.some((p) => p === '/playground/models/vit-adamw.safetensors')).toBe(true);
      expect(seen.some((p) => /^\/playground\/data\/.+\.bin\.gz$/.test(p))).toBe(true);
      expect(seen.filter((p) => !p.startsWith('/playground/'))).toEqual([]);
      expect(offOrigin).toEqual([]);
      expect(await cspViolations(b.page)).toEqual([]);
      expect(cspConsole).toEqual([]);
      expect(b.consoleErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
