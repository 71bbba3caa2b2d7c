/**
 * numpy's .npz: a zip of .npy files, which `np.load` opens. Written here (fflate, no numpy)
 * so the browser can hand a run's exact images to PyTorch. .npy format 1.0: the magic string,
 * a little-endian u16 header length, a Python-literal dict header padded with spaces to a
 * multiple of 64 bytes, then the raw little-endian C-order data.
 */
import { zipSync } from 'fflate';

export type NpyArray =
  | { data: Uint8Array; shape: readonly number[] }
  | { data: Int32Array; shape: readonly number[] }
  | { data: Float32Array; shape: readonly number[] };

function descr(data: NpyArray['data']): string {
  if (data instanceof Uint8Array) return '|u1';
  if (data instanceof Int32Array) return '<i4';
  return '<f4';
}

export function npyBytes(a: NpyArray): Uint8Array {
  const count = a.shape.reduce((x, y) => x * y, 1);
  if (count !== a.data.length)
    throw new Error(`npy: ${a.data.length} values for shape [${a.shape.join(', ')}]`);
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '${descr(a.data)}', 'fortran_order': False, 'shape': ${shape}, }`;
  // 10 bytes of magic, version and length, then the header ending in a newline, all 64-aligned.
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + a.data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY, version 1.0
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  // Typed arrays are little-endian on every platform the app runs on.
  out.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength), 10 + header.length);
  return out;
}

/** Arrays by name -> the .npz bytes (deflated, as np.savez_compressed writes). */
export function npzBytes(arrays: Readonly<Record<string, NpyArray>>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, a] of Object.entries(arrays)) files[`${name}.npy`] = npyBytes(a);
  return zipSync(files, { level: 6 });
}
