/**
 * Layers x steps grid of gradient norms for one method (the paper's per-layer figure, over
 * time), pure. Steps are bucketed into at most `maxCols` columns; a cell is the RMS of the
 * layer's norm over its bucket (RMS, not mean: norms combine as squares). null = frozen.
 */
import type { StepEvent } from '../../../protocol/messages';

export interface Heatmap {
  layers: readonly string[];
  /** Inclusive step range of each column. */
  cols: { from: number; to: number }[];
  /** [layer][col]. */
  cells: (number | null)[][];
}

export function layerHeatmap(
  steps: readonly StepEvent[],
  layers: readonly string[],
  maxCols = 48,
): Heatmap {
  const n = steps.length;
  const ncol = Math.min(n, maxCols);
  const cols: Heatmap['cols'] = [];
  const cells: (number | null)[][] = layers.map(() => []);
  for (let c = 0; c < ncol; c++) {
    const a = Math.floor((c * n) / ncol);
    const b = Math.floor(((c + 1) * n) / ncol); // exclusive
    cols.push({ from: (steps[a] as StepEvent).step, to: (steps[b - 1] as StepEvent).step });
    layers.forEach((layer, li) => {
      let sq = 0;
      let k = 0;
      for (let i = a; i < b; i++) {
        const v = (steps[i] as StepEvent).gradNorms.perLayer[layer];
        if (v === null || v === undefined || !Number.isFinite(v)) continue;
        sq += v * v;
        k++;
      }
      (cells[li] as (number | null)[]).push(k ? Math.sqrt(sq / k) : null);
    });
  }
  return { layers, cols, cells };
}

/** Positive [min, max] over several heatmaps: one colour scale for every method, so they compare. */
export function heatRange(maps: readonly Heatmap[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of maps)
    for (const row of m.cells)
      for (const v of row) {
        if (v === null || !(v > 0)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
  return lo <= hi ? [lo, hi] : null;
}

/** Position of v in [lo, hi] on a log scale, clamped to [0, 1]. */
export function logPosition(v: number, [lo, hi]: [number, number]): number {
  if (hi <= lo) return 1;
  return Math.min(1, Math.max(0, (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))));
}

/** Viridis at 9 stops (perceptually uniform and colour-blind safe), linearly interpolated. */
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [71, 45, 123],
  [59, 82, 139],
  [44, 114, 142],
  [33, 145, 140],
  [40, 174, 128],
  [94, 201, 98],
  [173, 220, 48],
  [253, 231, 37],
];

export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i] as readonly number[];
  const b = VIRIDIS[i + 1] as readonly number[];
  return [0, 1, 2].map((k) =>
    Math.round((a[k] as number) + f * ((b[k] as number) - (a[k] as number))),
  ) as [number, number, number];
}

/** Cells as pixels (`cw` x `ch` each), viridis on a log scale over `range`; frozen cells light grey. */
export function heatmapRgba(
  h: Heatmap,
  range: [number, number] | null,
  cw = 5,
  ch = 12,
): { width: number; height: number; data: Uint8ClampedArray } {
  const width = Math.max(1, h.cols.length * cw);
  const height = Math.max(1, h.layers.length * ch);
  const data = new Uint8ClampedArray(width * height * 4);
  h.cells.forEach((row, li) =>
    row.forEach((v, ci) => {
      const rgb =
        v === null || !(v > 0) || !range ? [225, 225, 225] : viridis(logPosition(v, range));
      for (let y = li * ch; y < (li + 1) * ch; y++)
        for (let x = ci * cw; x < (ci + 1) * cw; x++)
          data.set(
            [rgb[0] as number, rgb[1] as number, rgb[2] as number, 255],
            (y * width + x) * 4,
          );
    }),
  );
  return { width, height, data };
}
