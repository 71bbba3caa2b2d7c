/**
 * The safetensors file format (read and write), so checkpoints open unchanged in PyTorch
 * (`safetensors.torch.load_file`). Layout: u64 little-endian header length N, N bytes of
 * JSON header {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {..}},
 * then the raw little-endian tensor bytes (offsets relative to the end of the header).
 * Hand-written because the format is ~60 lines and no maintained npm reader exists that
 * works in both Node and a Web Worker without Node built-ins.
 */
import { refuse } from './checkpoint-error';
import {
  checkFinite,
  checkLayout,
  readEntry,
  readHeader,
  type DType,
  type Limits,
} from './safetensors-rules';
import { defaultModelConfig, FAMILIES, modelSpec } from '../../spec/model-config';

export type { DType } from './safetensors-rules';
export { CheckpointError } from './checkpoint-error';

export interface StTensor {
  dtype: DType;
  shape: number[];
  /** The values in the file's dtype (copied: aligned, and independent of the file's bytes). */
  data: Float32Array | Float64Array | Int32Array | BigInt64Array;
}

export interface StFile {
  tensors: Map<string, StTensor>;
  metadata: Record<string, string>;
}

export interface ReadOptions extends Partial<Limits> {
  /** How messages name the file (default "checkpoint"). */
  file?: string;
}

/** 1 MiB: our checkpoints' headers are about 5 KB; upstream safetensors allows 100 MB. */
export const MAX_HEADER_BYTES = 1 << 20;

/**
 * Twice the tensor count of the largest of our architectures at their default (micro) size: a
 * header listing more is refused at once, before any entry is read (a million tiny tensors took
 * 11.4 s to parse). Callers loading a bigger config pass their own (loadCheckpoint does).
 */
export function defaultMaxTensors(): number {
  return 2 * Math.max(...FAMILIES.map((f) => modelSpec(defaultModelConfig(f)).specs.length));
}

/**
 * The one safetensors reader of the page, the worker and the CLI, and strict: every rule of
 * safetensors-rules.ts, each refusal a CheckpointError naming the file, the tensor and the rule.
 * It knows no model: checkAgainstSpec (spec-check.ts) adds names, shapes and dtype roles.
 */
export function readSafetensors(bytes: Uint8Array, opts: ReadOptions = {}): StFile {
  const file = opts.file ?? 'checkpoint';
  const limits = {
    maxHeaderBytes: opts.maxHeaderBytes ?? MAX_HEADER_BYTES,
    maxTensors: opts.maxTensors ?? defaultMaxTensors(),
  };
  const { raw, metadata, dataStart } = readHeader(bytes, file, limits);
  const dataLen = bytes.byteLength - dataStart;
  const entries = Object.entries(raw)
    .filter(([name]) => name !== '__metadata__')
    .map(([name, e]) => readEntry(file, name, e, dataLen));
  checkLayout(file, entries, dataLen);
  const tensors = new Map<string, StTensor>();
  for (const e of entries) {
    // Copy into an aligned buffer (offsets need not be aligned in the file).
    const buf = bytes.slice(dataStart + e.begin, dataStart + e.end).buffer;
    const data =
      e.dtype === 'F32'
        ? new Float32Array(buf)
        : e.dtype === 'F64'
          ? new Float64Array(buf)
          : e.dtype === 'I32'
            ? new Int32Array(buf)
            : new BigInt64Array(buf);
    if (data instanceof Float32Array || data instanceof Float64Array)
      checkFinite(file, e.name, data);
    tensors.set(e.name, { dtype: e.dtype, shape: e.shape, data });
  }
  return { tensors, metadata };
}

export function serializeSafetensors(
  tensors: ReadonlyMap<string, StTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let off = 0;
  const names = [...tensors.keys()];
  for (const n of names) {
    const t = tensors.get(n) as StTensor;
    const len = t.data.byteLength;
    header[n] = { dtype: t.dtype, shape: t.shape, data_offsets: [off, off + len] };
    off += len;
  }
  let json = JSON.stringify(header);
  // Pad the header with spaces so tensor data starts 8-byte aligned (the format allows it).
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8);
  const hbytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + hbytes.length + off);
  new DataView(out.buffer).setBigUint64(0, BigInt(hbytes.length), true);
  out.set(hbytes, 8);
  let pos = 8 + hbytes.length;
  for (const n of names) {
    const t = tensors.get(n) as StTensor;
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
    pos += t.data.byteLength;
  }
  return out;
}

/**
 * Any numeric tensor as float32 (I64 counters become floats). An F64 value past float32's
 * range would become Inf: refused, naming the tensor, when `name` is given.
 */
export function toFloat32(t: StTensor, file = 'checkpoint', name?: string): Float32Array {
  if (t.data instanceof Float32Array) return t.data;
  const out =
    t.data instanceof BigInt64Array
      ? Float32Array.from(t.data, (v) => Number(v))
      : Float32Array.from(t.data);
  if (
    name !== undefined &&
    t.data instanceof Float64Array &&
    out.some((v) => !Number.isFinite(v))
  ) {
    throw refuse(file, name, 'finite', "an F64 value is beyond float32's range");
  }
  return out;
}
