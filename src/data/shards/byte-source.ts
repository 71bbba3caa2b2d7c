/**
 * Where shard bytes come from: a function from a path relative to the data root (e.g.
 * 'manifest.json') to its bytes. The browser and worker use fetch (below); Node uses
 * src/data/node-source.ts. Keeping this a plain function keeps fs out of browser bundles.
 */
export type ByteSource = (path: string) => Promise<Uint8Array>;

/**
 * A ByteSource over HTTP, relative to `baseUrl` (e.g. new URL('data/', document.baseURI) in
 * the page, or new URL('../data/', import.meta.url) resolved by the worker's caller).
 */
export function fetchByteSource(baseUrl: string | URL): ByteSource {
  return async (path) => {
    const url = new URL(path, baseUrl);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`data: GET ${url.href} failed with HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}
