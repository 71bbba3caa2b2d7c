import { gunzipSync } from 'fflate';
import type { ShardEntry } from './manifest';

/** The two bytes every gzip member starts with (RFC 1952). */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Stored shard bytes -> raw pixels [count, 28, 28]. Some servers send *.gz files with
 * `Content-Encoding: gzip`, so the browser has already inflated them: check the magic bytes
 * rather than trusting the manifest's encoding.
 */
export function decodeShard(entry: ShardEntry, stored: Uint8Array): Uint8Array {
  const raw = entry.encoding === 'gzip' && isGzip(stored) ? gunzipSync(stored) : stored;
  if (raw.length !== entry.rawBytes) {
    throw new Error(
      `data: shard ${entry.file} decoded to ${raw.length} bytes, manifest says ${entry.rawBytes}`,
    );
  }
  return raw;
}
