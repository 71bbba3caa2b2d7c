/**
 * The safetensors reader's rules, one function per part of the file: the header (length,
 * JSON object, metadata, tensor count), each tensor's entry (dtype, shape, data_offsets, size),
 * the layout of the data section (the tensors tile it exactly: in order, no overlap, no gap, no
 * trailing bytes, as the upstream Rust reader requires) and the values (no NaN/Inf). Every
 * refusal is a CheckpointError naming the file, the tensor and the rule (checkpoint-error.ts).
 */
import { refuse } from './checkpoint-error';

export type DType = 'F32' | 'F64' | 'I64' | 'I32';
export const BYTES: Readonly<Record<DType, number>> = { F32: 4, F64: 8, I64: 8, I32: 4 };

/** One tensor's header entry once checked: offsets relative to the data section. */
export interface Entry {
  name: string;
  dtype: DType;
  shape: number[];
  begin: number;
  end: number;
}

export interface Header {
  entries: Entry[];
  metadata: Record<string, string>;
  /** Where the data section starts in the file (8 + header length). */
  dataStart: number;
}

export interface Limits {
  maxHeaderBytes: number;
  maxTensors: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;

/** The header's length in bytes, from the file's first 8: capped before anything is decoded, and within the file. */
function headerLength(bytes: Uint8Array, file: string, limits: Limits): number {
  if (bytes.byteLength < 8)
    throw refuse(
      file,
      undefined,
      'file-size',
      `the file has ${bytes.byteLength} bytes: too short to be a safetensors file`,
    );
  const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (len > BigInt(limits.maxHeaderBytes))
    throw refuse(
      file,
      undefined,
      'header-size',
      `the header says it has ${len} bytes, over the cap of ${limits.maxHeaderBytes}`,
    );
  const n = Number(len);
  if (n < 1 || 8 + n > bytes.byteLength)
    throw refuse(
      file,
      undefined,
      'header-size',
      `the header says it has ${n} bytes but the file has ${bytes.byteLength - 8} after the length: truncated or not a safetensors file`,
    );
  return n;
}

/** The header: its length (headerLength), the JSON object, metadata and count. */
export function readHeader(
  bytes: Uint8Array,
  file: string,
  limits: Limits,
): { raw: Record<string, unknown>; metadata: Record<string, string>; dataStart: number } {
  const n = headerLength(bytes, file, limits);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    throw refuse(
      file,
      undefined,
      'header-json',
      `the header is unreadable: ${(e as Error).message}`,
    );
  }
  if (!isObject(raw))
    throw refuse(file, undefined, 'header-json', `the header is ${kindOf(raw)}, not a JSON object`);
  const count = Object.keys(raw).length - ('__metadata__' in raw ? 1 : 0);
  if (count > limits.maxTensors)
    throw refuse(
      file,
      undefined,
      'tensor-count',
      `the header lists ${count} tensors, over the cap of ${limits.maxTensors}`,
    );
  const meta = '__metadata__' in raw ? raw.__metadata__ : {};
  if (!isObject(meta)) throw refuse(file, undefined, 'metadata', `__metadata__ is ${kindOf(meta)}`);
  const bad = Object.entries(meta).find(([, v]) => typeof v !== 'string');
  if (bad)
    throw refuse(
      file,
      undefined,
      'metadata',
      `__metadata__.${bad[0]} is ${kindOf(bad[1])}, not a string`,
    );
  return { raw, metadata: meta as Record<string, string>, dataStart: 8 + n };
}

/** One tensor's entry: known dtype, integer shape and offsets, and a size that matches them. */
export function readEntry(file: string, name: string, e: unknown, dataLen: number): Entry {
  if (!isObject(e)) throw refuse(file, name, 'entry', `the entry is ${kindOf(e)}, not an object`);
  const { dtype, shape, data_offsets: offsets } = e;
  if (typeof dtype !== 'string' || !(dtype in BYTES))
    throw refuse(file, name, 'dtype', `dtype ${show(dtype)} is not one this reader converts`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    throw refuse(
      file,
      name,
      'offsets',
      `data_offsets ${show(offsets)} are not two non-negative integers`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end)
    throw refuse(file, name, 'offsets', `data_offsets [${begin}, ${end}] begin after they end`);
  if (!Array.isArray(shape) || !shape.every(isCount))
    throw refuse(
      file,
      name,
      'shape',
      `shape ${show(shape)} is not a list of non-negative integers`,
    );
  const elements = (shape as number[]).reduce((a, b) => a * b, 1);
  const want = elements * BYTES[dtype as DType];
  if (!Number.isSafeInteger(want) || end - begin !== want) {
    throw refuse(
      file,
      name,
      'size',
      `data_offsets [${begin}, ${end}] hold ${end - begin} bytes, shape ${show(shape)} ${dtype} needs ${want}`,
    );
  }
  if (end > dataLen)
    throw refuse(
      file,
      name,
      'layout',
      `ends at data byte ${end}, but the file has ${dataLen} data bytes: truncated`,
    );
  return { name, dtype: dtype as DType, shape: shape as number[], begin, end };
}

/**
 * The entries, sorted by offset, must tile [0, dataLen) exactly: a tensor that starts before
 * the previous one ends reads another tensor's bytes (or the same bytes twice); a gap or
 * trailing bytes are data no tensor owns (e.g. a duplicated name's lost twin).
 */
export function checkLayout(file: string, entries: readonly Entry[], dataLen: number): Entry[] {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  let prev: Entry | undefined;
  for (const e of sorted) {
    if (e.begin < at && prev) {
      throw refuse(
        file,
        e.name,
        'layout',
        `bytes [${e.begin}, ${e.end}) overlap tensor "${prev.name}" at [${prev.begin}, ${prev.end})`,
      );
    }
    if (e.begin > at)
      throw refuse(
        file,
        e.name,
        'layout',
        `starts at data byte ${e.begin}, leaving bytes [${at}, ${e.begin}) that no tensor owns`,
      );
    at = e.end;
    prev = e;
  }
  if (at !== dataLen)
    throw refuse(
      file,
      prev?.name,
      'layout',
      `the tensors end at data byte ${at}, the file has ${dataLen} data bytes: ${dataLen - at} trailing`,
    );
  return sorted;
}

/** A float tensor with a NaN or an Inf is refused by name: it would only surface as "diverged". */
export function checkFinite(file: string, name: string, data: Float32Array | Float64Array): void {
  let bad = 0;
  let first = -1;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i] as number)) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad)
    throw refuse(
      file,
      name,
      'finite',
      `${bad} of ${data.length} values are NaN or Inf (the first at index ${first}, ${data[first]})`,
    );
}
