/**
 * The Content-Security-Policy is declared once (tools/build/csp.ts); the header recipes of
 * docs/deploy.md and the shipped public/_headers must say exactly the same.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cspHeader, cspMeta } from '../../../tools/build/csp';

const docs = readFileSync('docs/deploy.md', 'utf8');

describe('deploy recipes', () => {
  it('public/_headers (Netlify, Cloudflare Pages) sends the policy of tools/build/csp.ts', () => {
    const headers = readFileSync('public/_headers', 'utf8');
    expect(headers.match(/^ {2}Content-Security-Policy: (.*)$/m)?.[1]).toBe(cspHeader());
    expect(docs).toContain(
      headers
        .slice(headers.indexOf('/*\n'))
        .replace(/\n# [^\n]*\n/g, '\n')
        .trim(),
    );
  });

  it('the nginx recipe and the meta policy in docs/deploy.md are the policy of tools/build/csp.ts', () => {
    expect(docs.match(/add_header Content-Security-Policy "([^"]*)" always;/)?.[1]).toBe(
      cspHeader(),
    );
    expect(docs).toContain(`\`\`\`\n  ${cspMeta()}\n  \`\`\``);
  });

  it('the meta policy is the header policy less what only a header can carry', () => {
    expect(cspHeader().startsWith(`${cspMeta()}; `)).toBe(true);
    for (const d of ['default-src', 'script-src', 'worker-src', 'connect-src', 'img-src'])
      expect(cspMeta()).toContain(`${d} `);
    expect(cspMeta()).not.toContain('frame-ancestors');
    expect(cspMeta()).not.toContain('unsafe-inline');
    expect(cspMeta()).not.toMatch(/'unsafe-eval'/);
  });
});
