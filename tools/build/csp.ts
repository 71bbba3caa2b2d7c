/**
 * The site's Content-Security-Policy, declared once: vite.config.ts writes it into the built
 * index.html as a <meta http-equiv> (works on any static host), and docs/deploy.md gives the
 * same policy as a real header (tests/unit/deploy-docs.test.ts holds the two equal).
 */
import type { Plugin } from 'vite';

/** Directive -> sources. Every source is the app's own origin, except where a comment says why. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  // Everything not named below (fonts, manifest, media, frames...) only from the origin.
  'default-src': ["'self'"],
  // tfjs compiles no JS at run time; 'wasm-unsafe-eval' allows compiling WebAssembly (the
  // tfjs wasm backend, src/worker/wasm-backend.ts), never eval() or new Function(). blob: for
  // the threaded wasm backend (cross-origin-isolated pages only): each of its pthread workers
  // importScripts() the module factory from a Blob URL that tfjs makes from the factory's text
  // (tools/build/wasm-threads.ts). A blob: URL can only be minted by script already running in
  // the origin, so this admits no script from elsewhere.
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  // The training worker is a same-origin module; blob: for the threaded wasm backend's pthread
  // workers, which tfjs starts from Blob URLs.
  'worker-src': ["'self'", 'blob:'],
  // Models and data shards come from the origin (and through the service worker, which is
  // same-origin too).
  'connect-src': ["'self'"],
  // Sample images and chart snapshots are drawn to canvases and read back as data:/blob: URLs.
  'img-src': ["'self'", 'data:', 'blob:'],
  // No style-src: it falls back to default-src 'self' (the bundled stylesheets). React and
  // recharts set inline styles through the CSSOM (element.style.x = ...), which CSP does not
  // govern; `style="..."` in parsed HTML, setAttribute('style', ...) and <style> elements
  // would need 'unsafe-inline' (checked in Chromium: each is reported), and the app uses none
  // of them: the chart PNG export inlines computed styles with style.cssText
  // (src/ui/export/chart-snapshot.ts). tests/e2e/deploy.test.ts counts zero violations while
  // it trains with the charts; the other e2e tests run under the same policy.
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/**
 * Directives that only work as an HTTP header: a <meta> policy ignores them (and Chromium logs
 * an error for each), so they are in the header recipes of docs/deploy.md only.
 */
export const CSP_HEADER_ONLY: Readonly<Record<string, readonly string[]>> = {
  'frame-ancestors': ["'self'"],
};

const serialize = (d: Readonly<Record<string, readonly string[]>>): string =>
  Object.entries(d)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');

/** The policy for the <meta> element. */
export const cspMeta = (): string => serialize(CSP_DIRECTIVES);

/** The policy for a Content-Security-Policy response header. */
export const cspHeader = (): string => serialize({ ...CSP_DIRECTIVES, ...CSP_HEADER_ONLY });

/**
 * Writes the policy into the built index.html, first in <head> so it covers everything after
 * it. Build only: Vite's dev server injects an inline React-refresh script and talks over a
 * websocket, which this policy (rightly) refuses.
 */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'ftp:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: cspMeta() },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
