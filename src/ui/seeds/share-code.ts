/**
 * "Share my result": a student's per-seed results as one short line, `FTP1.<base64url>`, that
 * a teacher's page pools (class-pool.ts). No server: everything is in the code.
 *
 * Bytes (version 1):
 *   u8 version = 1 | u32 settings fingerprint (fingerprint.ts) | varint seed count (1..MAX_SEEDS)
 *   per seed, ascending: varint seed (0..MAX_SEED) | varint method mask (bit i = METHOD_IDS[i];
 *     one byte, as the u8 it was, while only the first seven methods are in it)
 *     per method in the mask, by bit: u8 kind (0 finished, 1 diverged)
 *       finished: u16 ID, u16 OOD accuracy in hundredths of a percent (0..10000)
 *       diverged: varint step (0 = not known)
 *   u32 CRC-32 of every byte before it
 * Decoding checks each field's range and refuses the whole code with the first problem's name.
 */
import { METHOD_IDS } from '../../presets/method-catalog';
import { fromBase64url, toBase64url } from './base64url';
import { ByteReader, ByteWriter, CodeError } from './byte-io';
import { crc32 } from './crc32';

export const CODE_VERSION = 1;
export const CODE_PREFIX = `FTP${CODE_VERSION}.`;
/** The settings allow 50 seeds a student; a code holds at most that many. */
export const MAX_SEEDS = 50;
/** The seed setting's range (settings-table.ts). */
export const MAX_SEED = 2 ** 31 - 1;
/** Longer than any valid code (50 seeds x 12 methods ~ 4,500 characters): refused unread. */
export const MAX_CODE_CHARS = 8000;

/** A shared run: accuracies in [0, 1] (stored to 0.01 percentage points). */
export type SharedRun =
  { kind: 'finished'; id: number; ood: number } | { kind: 'diverged'; step?: number };

export interface SharedResult {
  fingerprint: number;
  /** seed -> method id -> run. */
  seeds: Record<number, Record<string, SharedRun>>;
}

export type Decoded = { ok: true; result: SharedResult } | { ok: false; reason: string };

const hundredths = (acc: number, what: string): number => {
  if (!Number.isFinite(acc) || acc < 0 || acc > 1)
    throw new CodeError(`${what} is ${acc}: an accuracy must be between 0 and 1`);
  return Math.round(acc * 10000);
};

function writeRun(w: ByteWriter, run: SharedRun, what: string): void {
  if (run.kind === 'finished')
    w.u8(0)
      .u16(hundredths(run.id, `${what} ID`))
      .u16(hundredths(run.ood, `${what} OOD`));
  else w.u8(1).varint(run.step ?? 0);
}

/** The code for `result`; throws a CodeError naming what cannot be encoded (NaN, out of range, too many seeds). */
export function encodeShareCode(result: SharedResult): string {
  const seeds = Object.keys(result.seeds)
    .map(Number)
    .sort((a, b) => a - b)
    .filter((s) => Object.keys(result.seeds[s] ?? {}).length > 0);
  if (!seeds.length) throw new CodeError('no finished seed to share yet');
  if (seeds.length > MAX_SEEDS)
    throw new CodeError(`${seeds.length} seeds: a code holds at most ${MAX_SEEDS}`);
  const w = new ByteWriter()
    .u8(CODE_VERSION)
    .u32(result.fingerprint >>> 0)
    .varint(seeds.length);
  for (const seed of seeds) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
      throw new CodeError(`seed ${seed} is outside 0..${MAX_SEED}`);
    const runs = result.seeds[seed] ?? {};
    const unknown = Object.keys(runs).find((id) => !METHOD_IDS.includes(id));
    if (unknown) throw new CodeError(`method ${unknown} is not in this page's catalogue`);
    const bits = METHOD_IDS.map((id) => id in runs);
    w.varint(seed).varint(bits.reduce((m, on, i) => (on ? m | (1 << i) : m), 0));
    METHOD_IDS.forEach(
      (id, i) => bits[i] && writeRun(w, runs[id] as SharedRun, `seed ${seed} ${id}`),
    );
  }
  const body = w.bytes();
  const sum = new ByteWriter().u32(crc32(body)).bytes();
  return CODE_PREFIX + toBase64url(Uint8Array.of(...body, ...sum));
}

function readRun(r: ByteReader, what: string): SharedRun {
  const kind = r.u8(`${what}'s kind`);
  if (kind === 1) {
    const step = r.varint(`${what}'s step`);
    return step ? { kind: 'diverged', step } : { kind: 'diverged' };
  }
  if (kind !== 0) throw new CodeError(`${what} has kind ${kind}, not 0 (finished) or 1 (diverged)`);
  const id = r.u16(`${what}'s ID`);
  const ood = r.u16(`${what}'s OOD`);
  if (id > 10000 || ood > 10000)
    throw new CodeError(
      `${what}'s accuracy ${(Math.max(id, ood) / 100).toFixed(2)}% is outside 0..100%`,
    );
  return { kind: 'finished', id: id / 10000, ood: ood / 10000 };
}

function readBody(body: Uint8Array): SharedResult {
  const r = new ByteReader(body);
  const version = r.u8('the version');
  if (version !== CODE_VERSION)
    throw new CodeError(`version ${version}: this page reads version ${CODE_VERSION} codes`);
  const fingerprint = r.u32('the settings fingerprint');
  const count = r.varint('the seed count');
  if (count < 1 || count > MAX_SEEDS)
    throw new CodeError(`${count} seeds: a code holds 1 to ${MAX_SEEDS}`);
  const seeds: SharedResult['seeds'] = {};
  let previous = -1;
  for (let i = 0; i < count; i++) {
    const seed = r.varint(`seed ${i + 1}`);
    if (seed > MAX_SEED) throw new CodeError(`seed ${seed} is outside 0..${MAX_SEED}`);
    if (seed <= previous) throw new CodeError(`seed ${seed} is repeated or out of order`);
    previous = seed;
    const mask = r.varint(`seed ${seed}'s methods`);
    if (mask === 0 || mask >= 1 << METHOD_IDS.length)
      throw new CodeError(`seed ${seed}'s method mask ${mask} names no method or an unknown one`);
    const runs: Record<string, SharedRun> = {};
    METHOD_IDS.forEach((id, b) => {
      if (mask & (1 << b)) runs[id] = readRun(r, `seed ${seed} ${id}`);
    });
    seeds[seed] = runs;
  }
  if (r.left) throw new CodeError(`${r.left} bytes left over after the last seed`);
  return { fingerprint, seeds };
}

/** Reads a code (surrounding spaces ignored); refuses anything malformed, forged-looking or out of range, with the reason. */
export function decodeShareCode(code: string): Decoded {
  const text = code.trim();
  try {
    if (text.length > MAX_CODE_CHARS)
      throw new CodeError(
        `${text.length} characters: longer than any result code (at most ${MAX_CODE_CHARS})`,
      );
    const version = /^FTP(\d+)\./.exec(text);
    if (!version) throw new CodeError(`it does not start with ${CODE_PREFIX}`);
    if (Number(version[1]) !== CODE_VERSION)
      throw new CodeError(`version ${version[1]}: this page reads version ${CODE_VERSION} codes`);
    const bytes = fromBase64url(text.slice(CODE_PREFIX.length));
    if (!bytes) throw new CodeError('it has characters that are not base64url (A-Z a-z 0-9 - _)');
    if (bytes.length < 5 + 1 + 4)
      throw new CodeError(`it is too short (${bytes.length} bytes): truncated?`);
    const body = bytes.subarray(0, bytes.length - 4);
    const sum = new ByteReader(bytes.subarray(bytes.length - 4)).u32('the checksum');
    if (sum !== crc32(body))
      throw new CodeError(
        'its checksum does not match: it was changed after it was made (forged-looking), or copied incompletely',
      );
    return { ok: true, result: readBody(body) };
  } catch (e) {
    if (e instanceof CodeError) return { ok: false, reason: e.message };
    throw e;
  }
}
