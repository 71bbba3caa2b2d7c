/**
 * Where shard bytes come from: a function from a path relative to the data root (e.g.
 * 'manifest.json') to its bytes. The browser and worker use fetch (below); Node uses
 * src/data/node-source.ts. Keeping this a plain function keeps fs out of browser bundles.
 */
export interface FetchOptions {
  /**
   * Past every cache: the browser's HTTP cache and the service worker's stored copy (which
   * sees the request's `cache: 'reload'`). The shard store asks for this once when a shard's
   * bytes are wrong. Sources without caches ignore it.
   */
  readonly fresh?: boolean;
}

export type ByteSource = (path: string, options?: FetchOptions) => Promise<Uint8Array>;

/**
 * A ByteSource over HTTP, relative to `baseUrl` (e.g. new URL('data/', document.baseURI) in
 * the page, or new URL('../data/', import.meta.url) resolved by the worker's caller).
 */
export function fetchByteSource(baseUrl: string | URL): ByteSource {
  return async (path, options = {}) => {
    const url = new URL(path, baseUrl);
    const res = await fetch(url, options.fresh ? { cache: 'reload' } : {});
    if (!res.ok) throw new Error(`data: GET ${url.href} failed with HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}
