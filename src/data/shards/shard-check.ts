/**
 * Is this the shard the manifest lists? Shared by the training worker's shard store and the
 * service worker (src/sw/shard-route.ts), so both accept and refuse the same bytes, and both
 * tell the user the same way out when a shard stays damaged.
 */
import type { ShardEntry } from './manifest';
import { sha256Hex } from './sha256';

/**
 * What to do when a shard is still wrong after a fetch that bypassed every cache. A reload
 * fetches it again through the service worker, which drops a stored copy that fails its
 * SHA-256; clearing site data removes everything this site stored in the browser.
 */
export const SHARD_RECOVERY =
  "Reload the page to fetch it again. If this message comes back, clear this site's stored data " +
  '(Chrome or Edge: the icon left of the address > Site settings > Delete data; Firefox: the padlock > ' +
  'Clear cookies and site data) and reload; if it still fails, the file on the server is damaged or ' +
  "missing (a missing file is often answered with the site's index.html).";

/**
 * Whether `bytes` are the shard as stored (sha256) or as a server that sends *.gz files with
 * `Content-Encoding: gzip` leaves them once the browser has inflated them (rawSha256). Anything
 * else, an index.html answered for a missing file included, is not the shard.
 */
export async function isShardBytes(
  entry: Pick<ShardEntry, 'sha256' | 'rawSha256'>,
  bytes: Uint8Array,
): Promise<boolean> {
  const hash = await sha256Hex(bytes);
  return hash === entry.sha256 || hash === entry.rawSha256;
}
