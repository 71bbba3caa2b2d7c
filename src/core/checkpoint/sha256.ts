/**
 * A shipped checkpoint against the SHA-256 its manifest (public/models/manifest.json) lists,
 * before a byte of it is read: a damaged download (or a server answering with another file)
 * is named as such instead of failing later as a strange tensor. WebCrypto's digest exists in
 * the worker, the page and Node alike.
 */
import { refuse } from './checkpoint-error';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // slice(): a copy on a plain ArrayBuffer, which digest() takes (a view may sit on a shared one).
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Refuses `bytes` unless their SHA-256 is `expected` (hex, as the manifest writes it). */
export async function verifySha256(
  bytes: Uint8Array,
  expected: string,
  file: string,
  manifest = 'models/manifest.json',
): Promise<void> {
  const got = await sha256Hex(bytes);
  if (got !== expected.toLowerCase()) {
    throw refuse(
      file,
      undefined,
      'sha256',
      `the download is damaged: its SHA-256 is ${got}, ${manifest} lists ${expected} (${bytes.byteLength} bytes received). Reload the page; if it persists, clear this site's data and reload`,
    );
  }
}
