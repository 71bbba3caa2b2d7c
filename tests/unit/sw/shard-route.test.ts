/**
 * The service worker's shard route (src/sw/shard-route.ts) on a real shard of public/data:
 * nothing but the manifest's bytes is ever stored, a bad stored copy heals on the next request,
 * and an index.html answered for a missing shard is never kept. The browser around it is
 * played by a Map for the Cache API and a server with an HTTP cache in front, as a browser has:
 * `cache: 'default'` gets the HTTP-cached copy, `'reload'` goes to the server and refreshes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../../src/data/node-source';
import { parseManifest } from '../../../src/data/shards/manifest';
import {
  serveShard,
  shardHashes,
  type ShardCache,
  type ShardRoutePorts,
} from '../../../src/sw/shard-route';

const ROOT = 'https://site.test/playground/data/';
const manifest = parseManifest(
  JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, 'manifest.json'), 'utf8')),
);
const entry = manifest.shards.find((s) => s.file === 'mnist-benchmark-c3-0.bin.gz');
if (!entry) throw new Error('test shard missing from the manifest');
const URL_ = `${ROOT}${entry.file}`;
const GOOD = new Uint8Array(readFileSync(join(DEFAULT_DATA_DIR, entry.file)));
const INDEX_HTML = new TextEncoder().encode(
  '<!doctype html><html><head><title>Fine-Tune Playground</title></head></html>',
);

/** Bytes a Response takes as its body. */
type Bytes = Uint8Array<ArrayBuffer>;

interface World {
  ports: ShardRoutePorts;
  stored: Map<string, Bytes>;
  http: Map<string, Bytes>;
  /** What the server answers now, per URL (absent: 404). */
  server: Map<string, Bytes>;
  /** Requests that reached the server, with their cache mode. */
  hits: string[];
}

function world(): World {
  const stored = new Map<string, Bytes>();
  const http = new Map<string, Bytes>();
  const server = new Map<string, Bytes>();
  const hits: string[] = [];
  const cache: ShardCache = {
    match: async (url) => (stored.has(url) ? new Response(stored.get(url)) : undefined),
    put: async (url, res) => void stored.set(url, new Uint8Array(await res.arrayBuffer())),
    delete: async (url) => stored.delete(url),
  };
  const hashes = shardHashes(manifest, ROOT);
  const ports: ShardRoutePorts = {
    cache: async () => cache,
    fetch: async (url, mode) => {
      const cached = http.get(url);
      if (mode !== 'reload' && cached) return new Response(cached);
      hits.push(mode);
      const body = server.get(url);
      if (!body) return new Response('not found', { status: 404 });
      http.set(url, body);
      return new Response(body);
    },
    expected: async (url) => hashes.get(url),
  };
  return { ports, stored, http, server, hits };
}

const bytes = async (res: Response): Promise<Uint8Array> => new Uint8Array(await res.arrayBuffer());

describe('service worker: shards stored only when they match the manifest', () => {
  it('stores a good shard on its first fetch and serves it from the cache after', async () => {
    const w = world();
    w.server.set(URL_, GOOD);
    expect(await bytes(await serveShard(URL_, 'default', w.ports))).toEqual(GOOD);
    expect(w.stored.get(URL_)).toEqual(GOOD);
    w.server.delete(URL_);
    w.http.clear();
    expect(await bytes(await serveShard(URL_, 'default', w.ports))).toEqual(GOOD);
    expect(w.hits).toEqual(['default']);
  });

  it('never stores index.html answered with 200 for a missing shard, and asks the server once more', async () => {
    const w = world();
    w.server.set(URL_, INDEX_HTML);
    const res = await serveShard(URL_, 'default', w.ports);
    // Passed on (the worker's own check reports it with the way out), but not kept.
    expect(await bytes(res)).toEqual(INDEX_HTML);
    expect(w.stored.has(URL_)).toBe(false);
    expect(w.hits).toEqual(['default', 'reload']);
  });

  it('a poisoned stored copy heals on the next request once the server is fixed, past a stale HTTP cache', async () => {
    const w = world();
    // The old worker's doing: the bad bytes stored, and the browser's HTTP cache holding them too.
    w.stored.set(URL_, INDEX_HTML);
    w.http.set(URL_, INDEX_HTML);
    w.server.set(URL_, GOOD);
    expect(await bytes(await serveShard(URL_, 'default', w.ports))).toEqual(GOOD);
    expect(w.stored.get(URL_)).toEqual(GOOD);
    expect(w.hits).toEqual(['reload']);
  });

  it('a bad network copy behind a good server (stale HTTP cache) is fetched again once and stored', async () => {
    const w = world();
    w.http.set(URL_, INDEX_HTML);
    w.server.set(URL_, GOOD);
    expect(await bytes(await serveShard(URL_, 'default', w.ports))).toEqual(GOOD);
    expect(w.stored.get(URL_)).toEqual(GOOD);
    expect(w.hits).toEqual(['reload']);
  });

  it("a request with cache: 'reload' (the shard store's second try) skips the stored copy", async () => {
    const w = world();
    w.stored.set(URL_, GOOD);
    w.server.set(URL_, INDEX_HTML);
    expect(await bytes(await serveShard(URL_, 'reload', w.ports))).toEqual(INDEX_HTML);
    expect(w.hits).toEqual(['reload']);
  });

  it('accepts the shard as a Content-Encoding: gzip transport leaves it (inflated)', async () => {
    const w = world();
    const raw: Bytes = new Uint8Array(gunzipSync(GOOD));
    w.server.set(URL_, raw);
    expect(await bytes(await serveShard(URL_, 'default', w.ports))).toEqual(raw);
    expect(w.stored.get(URL_)).toEqual(raw);
  });

  it('passes on an HTTP error and a file the manifest does not list, storing neither', async () => {
    const w = world();
    expect((await serveShard(URL_, 'default', w.ports)).status).toBe(404);
    const other = `${ROOT}provenance.json`;
    w.server.set(other, new TextEncoder().encode('{}'));
    expect((await serveShard(other, 'default', w.ports)).status).toBe(200);
    expect(w.stored.size).toBe(0);
  });
});
