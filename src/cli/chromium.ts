/**
 * Real Chromium for e2e tests and the browser benchmark: Debian's /usr/bin/chromium driven by playwright-core (browser
 * downloads fail here), with the flags that give WebGPU on the SwiftShader software adapter.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const COMMON = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const WEBGPU = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--disable-vulkan-fallback-to-gl-for-testing',
];

export interface Opened {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  close: () => Promise<void>;
}

/** A fresh profile each time; `webgpu: false` leaves WebGPU off (the fallback test). */
export async function openBrowser(opts: { webgpu: boolean; webgl?: boolean }): Promise<Opened> {
  const args = [
    ...COMMON,
    ...(opts.webgpu ? WEBGPU : []),
    ...(opts.webgl ? ['--enable-unsafe-swiftshader'] : []),
  ];
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ftp-e2e-')), {
    executablePath: CHROMIUM,
    headless: true,
    args,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  return { context, page, consoleErrors, close: () => context.close() };
}
