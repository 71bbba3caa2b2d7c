/**
 * A stored record as JSON, exactly as storage holds it (a damaged record's "Export raw"), so
 * what is left of it can be read or mended by hand. JSON has no typed arrays, NaN or Infinity:
 * a typed array becomes `{ "Float32Array": [...] }` and a non-finite number its name as a
 * string, so nothing is lost or silently turned into null.
 */
import type { RunKey } from './read-stored';
import type { RawRun } from './run-db';

function jsonSafe(_key: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return String(v);
  if (v instanceof ArrayBuffer) return { ArrayBuffer: Array.from(new Uint8Array(v)) };
  if (ArrayBuffer.isView(v) && !(v instanceof DataView))
    return { [v.constructor.name]: Array.from(v as unknown as ArrayLike<number | bigint>) };
  return v;
}

export function rawRunJson(key: RunKey, raw: RawRun): string {
  return JSON.stringify({ key, ...raw }, jsonSafe, 1);
}

/** A file name for the key: letters, digits, '-', '_' and '.' only. */
export function rawRunFilename(key: RunKey): string {
  const safe =
    String(key)
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 80) || 'record';
  return `damaged-run-${safe}.json`;
}
