/**
 * Float32 weights as base64 text (little-endian, 4 bytes a value): a filter picture of 9,408
 * weights is ~50 KB in a JSON file this way and lossless, against ~200 KB as decimal numbers.
 * Read back with numpy: np.frombuffer(base64.b64decode(s), '<f4').
 */

export function float32ToBase64(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  // In slices: String.fromCharCode takes its arguments on the stack.
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function base64ToFloat32(text: string): Float32Array {
  const bin = atob(text);
  if (bin.length % 4 !== 0)
    throw new Error(`base64 float32 data of ${bin.length} bytes (not a multiple of 4)`);
  const view = new DataView(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) view.setUint8(i, bin.charCodeAt(i));
  const out = new Float32Array(bin.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
