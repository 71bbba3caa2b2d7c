/**
 * Renders the app icons (public/icons/*.png, for the web manifest and iOS) from
 * public/favicon.svg in the project's Chromium: no image library needed, and the PNGs match the
 * SVG exactly. Run after changing the favicon: `npm run icons`. The PNGs are committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../../src/cli/chromium';

const svg = readFileSync('public/favicon.svg', 'utf8');
// Maskable: the launcher crops to a circle or squircle of 80% of the side, so the mark is drawn
// at 70% on a full-bleed square of the favicon's colour.
const maskable = svg
  .replace(/<rect [^>]*\/>/, '<rect width="16" height="16" fill="#0072b2"/>')
  .replace(/<path /, '<path transform="translate(2.4 2.4) scale(0.7)" ');

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  for (const [name, source, size] of [
    ['icon-192', svg, 192],
    ['icon-512', svg, 512],
    ['maskable-512', maskable, 512],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`,
    );
    writeFileSync(`public/icons/${name}.png`, await page.screenshot({ omitBackground: true }));
    await page.close();
  }
} finally {
  await browser.close();
}
