/** Saving a file from the page: a Blob behind a temporary <a download>, no server involved. */
import { zipSync, strToU8 } from 'fflate';

export function download(filename: string, data: BlobPart, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: Chromium starts reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Several files as one .zip (browsers ask before a page starts several downloads at once). */
export function zipFiles(files: Record<string, Uint8Array | string>): Uint8Array<ArrayBuffer> {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, v] of Object.entries(files)) entries[name] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(entries, { level: 6 }) as Uint8Array<ArrayBuffer>;
}
