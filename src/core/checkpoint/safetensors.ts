/**
 * The safetensors file format (read and write), so checkpoints open unchanged in PyTorch
 * (`safetensors.torch.load_file`). Layout: u64 little-endian header length N, N bytes of
 * JSON header {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {..}},
 * then the raw little-endian tensor bytes (offsets relative to the end of the header).
 * Hand-written because the format is ~60 lines and no maintained npm reader exists that
 * works in both Node and a Web Worker without Node built-ins.
 */

export type DType = 'F32' | 'F64' | 'I64' | 'I32';

export interface StTensor {
  dtype: DType;
  shape: number[];
  /** F32 data as Float32Array; every other dtype is converted to float64 numbers here. */
  data: Float32Array | Float64Array | Int32Array | BigInt64Array;
}

export interface StFile {
  tensors: Map<string, StTensor>;
  metadata: Record<string, string>;
}

export class SafetensorsError extends Error {
  override readonly name = 'SafetensorsError';
}

const BYTES: Record<DType, number> = { F32: 4, F64: 8, I64: 8, I32: 4 };

export function parseSafetensors(bytes: Uint8Array, what = 'checkpoint'): StFile {
  if (bytes.byteLength < 8) throw new SafetensorsError(`${what} is too short to be a safetensors file (${bytes.byteLength} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen <= 0 || 8 + headerLen > bytes.byteLength) {
    throw new SafetensorsError(`${what} is truncated or not a safetensors file: header says ${headerLen} bytes, file has ${bytes.byteLength - 8}`);
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLen))) as Record<string, unknown>;
  } catch (e) {
    throw new SafetensorsError(`${what} has an unreadable header: ${(e as Error).message}`);
  }
  const dataStart = 8 + headerLen;
  const dataLen = bytes.byteLength - dataStart;
  const tensors = new Map<string, StTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = (entry ?? {}) as Record<string, string>;
      continue;
    }
    const e = entry as { dtype?: string; shape?: number[]; data_offsets?: [number, number] };
    if (!e.dtype || !(e.dtype in BYTES)) throw new SafetensorsError(`${what}: tensor ${name} has unsupported dtype ${e.dtype}`);
    const dtype = e.dtype as DType;
    const shape = e.shape ?? [];
    const [begin, end] = e.data_offsets ?? [0, -1];
    const count = shape.reduce((a, b) => a * b, 1);
    if (end - begin !== count * BYTES[dtype]) {
      throw new SafetensorsError(`${what}: tensor ${name} has ${end - begin} bytes for shape [${shape.join(', ')}] ${dtype}`);
    }
    if (end > dataLen) {
      throw new SafetensorsError(`${what} is truncated: tensor ${name} ends at byte ${end}, but only ${dataLen} data bytes are present`);
    }
    // Copy into an aligned buffer (offsets need not be aligned in the file).
    const raw = bytes.slice(dataStart + begin, dataStart + end).buffer;
    const data =
      dtype === 'F32' ? new Float32Array(raw) : dtype === 'F64' ? new Float64Array(raw) : dtype === 'I32' ? new Int32Array(raw) : new BigInt64Array(raw);
    tensors.set(name, { dtype, shape, data });
  }
  return { tensors, metadata };
}

export function serializeSafetensors(tensors: ReadonlyMap<string, StTensor>, metadata: Record<string, string> = {}): Uint8Array {
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

/** Any numeric tensor as float32 (I64 counters become floats). */
export function toFloat32(t: StTensor): Float32Array {
  if (t.data instanceof Float32Array) return t.data;
  if (t.data instanceof BigInt64Array) return Float32Array.from(t.data, (v) => Number(v));
  return Float32Array.from(t.data);
}
