/**
 * A static host for the e2e tests, like the ones docs/deploy.md sets up: serves a built dist/
 * under a sub-path (nothing else on the origin), with the Content-Security-Policy header and
 * the caching headers of the nginx recipe, and COOP + COEP (cross-origin isolated, so the wasm
 * backend may run threaded) unless `isolated: false`, which serves like GitHub Pages does.
 * `replace` swaps a file's bytes while it runs, which is how a test deploys a new version.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { cspHeader } from '../../tools/build/csp';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from '../../tools/build/wasm-threads';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  // Sent as what they are, without Content-Encoding (as GitHub Pages does): the app gunzips.
  '.gz': 'application/gzip',
  '.safetensors': 'application/octet-stream',
};

export interface StaticSite {
  /** The site's address, ending in the sub-path and '/'. */
  url: string;
  origin: string;
  /** Serves `bytes` for `path` (relative to the sub-path) from now on. */
  replace(path: string, bytes: Buffer): void;
  close(): Promise<void>;
}

function cacheControl(path: string): string {
  if (path.startsWith('assets/')) return 'public, max-age=31536000, immutable'; // hashed names
  if (path === 'index.html' || path === 'sw.js' || path.endsWith('.webmanifest')) return 'no-cache';
  return 'public, max-age=3600';
}

export async function serveStatic(
  dir: string,
  prefix: string,
  opts: { isolated?: boolean } = {},
): Promise<StaticSite> {
  const isolation = opts.isolated === false ? {} : CROSS_ORIGIN_ISOLATION_HEADERS;
  const replaced = new Map<string, Buffer>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (pathname === prefix.slice(0, -1))
      return void res.writeHead(301, { Location: prefix }).end();
    if (!pathname.startsWith(prefix)) return void res.writeHead(404).end();
    // Paths stay inside `dir`: '..' segments are resolved away before the join.
    let rel = normalize(`/${pathname.slice(prefix.length)}`).slice(1);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    try {
      const body = replaced.get(rel) ?? (await readFile(join(dir, rel)));
      res.writeHead(200, {
        'Content-Type': TYPES[extname(rel)] ?? 'application/octet-stream',
        'Cache-Control': cacheControl(rel),
        'Content-Security-Policy': cspHeader(),
        'X-Content-Type-Options': 'nosniff',
        ...isolation,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404).end();
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${prefix}`,
    origin,
    replace: (path, bytes) => void replaced.set(path, bytes),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((res) => server.close(() => res()));
    },
  };
}
