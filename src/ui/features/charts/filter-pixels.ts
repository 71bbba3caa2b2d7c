/**
 * The first layer's filters as pictures (pure). A filter is one output channel of the first
 * conv: a kh x kw patch with cin colour channels, HWIO layout [kh, kw, cin, cout], value at
 * ((y * kw + x) * cin + c) * cout + o. Grey (128) is zero; brighter is positive, darker negative.
 * Pretrained and current filters share one scale, so a filter that grew looks stronger.
 */
import type { FilterSnapshot } from '../../../protocol/messages';

export interface Rgba {
  width: number;
  height: number;
  /** RGBA bytes, row-major, width x height x 4. */
  data: Uint8ClampedArray;
}

/** max |v|: the shared scale (from the pretrained snapshot, say). */
export function filterScale(f: FilterSnapshot): number {
  let m = 0;
  for (const v of f.values) m = Math.max(m, Math.abs(v));
  return m || 1;
}

export function filterCount(f: FilterSnapshot, max = 64): number {
  return Math.min(f.shape[3] ?? 0, max);
}

/**
 * All filters tiled `cols` to a row, 1 px gaps, each pixel `zoom` x `zoom` device pixels
 * (so the canvas needs no CSS smoothing tricks). cin = 3: RGB; otherwise the channel mean, grey.
 */
export function filterGrid(
  f: FilterSnapshot,
  scale: number,
  opts: { cols?: number; zoom?: number; max?: number } = {},
): Rgba {
  const [kh = 1, kw = 1, cin = 1, cout = 1] = f.shape;
  const n = filterCount(f, opts.max);
  const cols = Math.min(opts.cols ?? 8, Math.max(1, n));
  const rows = Math.ceil(n / cols);
  const z = opts.zoom ?? Math.max(1, Math.round(8 / Math.max(kh, kw)));
  const tw = kw * z + 1;
  const th = kh * z + 1;
  const width = cols * tw + 1;
  const height = rows * th + 1;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([200, 200, 200, 255], i * 4); // gaps: light grey
  const byte = (v: number): number => 128 + (127 * v) / scale;
  for (let o = 0; o < n; o++) {
    const ox = (o % cols) * tw + 1;
    const oy = Math.floor(o / cols) * th + 1;
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++) {
        const at = (c: number): number => f.values[((y * kw + x) * cin + c) * cout + o] ?? 0;
        let rgb: [number, number, number];
        if (cin === 3) rgb = [byte(at(0)), byte(at(1)), byte(at(2))];
        else {
          let s = 0;
          for (let c = 0; c < cin; c++) s += at(c);
          const g = byte(s / cin);
          rgb = [g, g, g];
        }
        for (let dy = 0; dy < z; dy++)
          for (let dx = 0; dx < z; dx++) {
            const p = ((oy + y * z + dy) * width + ox + x * z + dx) * 4;
            data[p] = rgb[0];
            data[p + 1] = rgb[1];
            data[p + 2] = rgb[2];
            data[p + 3] = 255;
          }
      }
  }
  return { width, height, data };
}

/** Per filter, ||w - w0|| / ||w0||: how much each filter changed (the pictures' data table). */
export function filterChange(w0: FilterSnapshot, w: FilterSnapshot, max = 64): number[] {
  const cout = w0.shape[3] ?? 1;
  const n = Math.min(filterCount(w0, max), filterCount(w, max));
  const d = new Array<number>(n).fill(0);
  const r = new Array<number>(n).fill(0);
  w0.values.forEach((v0, i) => {
    const o = i % cout; // HWIO: the output channel is the fastest axis
    if (o >= n) return;
    const dv = (w.values[i] ?? 0) - v0;
    d[o] = (d[o] as number) + dv * dv;
    r[o] = (r[o] as number) + v0 * v0;
  });
  return d.map((x, o) => ((r[o] as number) > 0 ? Math.sqrt(x / (r[o] as number)) : Math.sqrt(x)));
}

/** w − w₀ as a snapshot of its own (same param and layout), for a picture of the change alone. */
export function filterDelta(w0: FilterSnapshot, w: FilterSnapshot): FilterSnapshot {
  return {
    param: w.param,
    shape: w.shape,
    values: w.values.map((v, i) => v - (w0.values[i] ?? 0)),
  };
}
