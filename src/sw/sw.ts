/**
 * The service worker (built by vite-plugin-pwa into dist/sw.js; see tools/build/pwa.ts).
 *
 * - Precache: the app shell, the models and the data manifest, listed with their revisions at
 *   build time (the manifest list on `self`). A new deploy installs beside the old one and waits; the
 *   page offers a reload (src/ui/pwa/update-notice.tsx), which sends SKIP_WAITING.
 * - Navigations (any query string: ?backend=cpu, a link's #hash) get the precached index.html.
 * - Data shards: cache-first, fetched once and then served from the cache, the first time a
 *   benchmark uses them, and only ever stored or served when their bytes match the data
 *   manifest's SHA-256 (shard-route.ts: a bad copy is dropped and fetched again). The page and
 *   the training worker both fetch through here: the worker is a client of this service
 *   worker like the page. On the very first visit the app fetches its benchmark before this
 *   worker is installed; activation adopts those shards from the browser's HTTP cache
 *   (adoptHttpCachedShards), so that visit is enough to work offline.
 *
 * Everything is relative to the service worker's own URL, so the site works under any sub-path.
 */
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  matchPrecache,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { ShardEntry } from '../data/shards/manifest';
import { isShardBytes } from '../data/shards/shard-check';
import { serveShard, shardHashes, type ShardRoutePorts } from './shard-route';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const DATA_CACHE_PREFIX = 'ftp-data-';

/**
 * The shard cache is named after the data manifest's revision: the manifest lists every
 * shard's sha256, so a deploy with new shards gets a fresh cache and the old one is deleted
 * when it activates. Shard names are not hashed, so this is what keeps a stale shard from
 * being served after such a deploy.
 */
function dataCacheName(entries: readonly (PrecacheEntry | string)[]): string {
  const m = entries.find(
    (e): e is PrecacheEntry => typeof e !== 'string' && e.url.endsWith('data/manifest.json'),
  );
  return `${DATA_CACHE_PREFIX}${m?.revision ?? 'unversioned'}`;
}

const entries = self.__WB_MANIFEST;
const DATA_CACHE = dataCacheName(entries);
const DATA_ROOT = new URL('data/', self.location.href).href;

precacheAndRoute(entries);
cleanupOutdatedCaches();
// Not for a file opened in a tab (models/manifest.json, sw.js...): that gets the file itself.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/\/(?!index\.html)[^/?]+\.[a-z0-9]+(\?.*)?$/i],
  }),
);
/** The precached data manifest's shards, by URL (read per request: 25 kB, parsed in < 1 ms). */
async function manifestShards(): Promise<Map<string, Pick<ShardEntry, 'sha256' | 'rawSha256'>>> {
  const manifest = await matchPrecache('data/manifest.json');
  return manifest
    ? shardHashes((await manifest.json()) as { shards?: ShardEntry[] }, DATA_ROOT)
    : new Map();
}

const SHARD_PORTS: ShardRoutePorts = {
  cache: () => caches.open(DATA_CACHE),
  // Same-origin: the shards never leave the site (and 'only-if-cached' would require it).
  fetch: (url, cache) => fetch(url, { cache, mode: 'same-origin' }),
  expected: async (url) => (await manifestShards()).get(url),
};
// The precache route (registered first) answers data/manifest.json; this takes the shards.
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.href.startsWith(DATA_ROOT),
  ({ url, request }) => serveShard(url.href, request.cache, SHARD_PORTS),
);

// On the first visit there is no old version to wait for: take the open page (and its
// training worker) at once, so the shards it fetches next are cached. After an update this
// runs when the user chose to reload.
clientsClaim();

/**
 * Copies into the shard cache every shard of the data manifest that the browser's HTTP cache
 * holds (fresh or stale; `only-if-cached` never goes to the network): the shards the page
 * fetched before this service worker controlled it. Nothing is downloaded again. Only bytes
 * that match the manifest's SHA-256 are kept, so an older deploy's shard left in the HTTP
 * cache is never adopted.
 */
async function adoptHttpCachedShards(): Promise<void> {
  const manifest = await matchPrecache('data/manifest.json');
  if (!manifest) return;
  const { shards = [] } = (await manifest.json()) as {
    shards?: Pick<ShardEntry, 'file' | 'sha256' | 'rawSha256'>[];
  };
  const cache = await caches.open(DATA_CACHE);
  await Promise.all(
    shards.map(async ({ file, sha256, rawSha256 }) => {
      const url = new URL(file, DATA_ROOT).href;
      if (await cache.match(url)) return;
      const res = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin' }).catch(
        () => undefined,
      );
      if (!res?.ok) return;
      if (
        await isShardBytes({ sha256, rawSha256 }, new Uint8Array(await res.clone().arrayBuffer()))
      )
        await cache.put(url, res);
    }),
  );
}

async function deleteOldShardCaches(): Promise<void> {
  const keys = await caches.keys();
  await Promise.all(
    keys
      .filter((k) => k.startsWith(DATA_CACHE_PREFIX) && k !== DATA_CACHE)
      .map((k) => caches.delete(k)),
  );
}

self.addEventListener('activate', (event) => {
  event.waitUntil(Promise.all([deleteOldShardCaches(), adoptHttpCachedShards()]));
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
