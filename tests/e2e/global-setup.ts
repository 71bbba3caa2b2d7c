/**
 * Builds the app once and serves dist/ on a free localhost port for the e2e tests (the real
 * static site, as deployed). Without Chromium the e2e tests skip, except under CI, where a
 * missing browser is an error.
 */
import type { TestProject } from 'vitest/node';
import { execFileSync } from 'node:child_process';
import { preview } from 'vite';
import { hasChromium, CHROMIUM } from '../../src/cli/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (!hasChromium) {
    if (process.env.CI) throw new Error(`CI is set but no Chromium at ${CHROMIUM}: install it (apt-get install -y chromium)`);
    project.provide('baseUrl', '');
    return;
  }
  // The site under test is the production build users get. A child process, because Vitest
  // sets NODE_ENV=test, which would make React and its JSX transform build for development.
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address');
  project.provide('baseUrl', url);
  return async () => {
    await new Promise<void>((res) => server.httpServer.close(() => res()));
  };
}
