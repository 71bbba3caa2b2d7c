import { describe, expect, it } from 'vitest';
import type { StepEvent } from '../../../src/core/train/events';
import {
  heatmapRgba,
  heatRange,
  layerHeatmap,
  logPosition,
  viridis,
} from '../../../src/ui/features/charts/heatmap-data';

const step = (n: number, perLayer: Record<string, number | null>): StepEvent => ({
  type: 'step',
  step: n,
  epoch: 0,
  totalSteps: 100,
  loss: 1,
  lr: 0.1,
  gradNorms: { perParam: {}, perLayer, perGroup: { embed: null, body: 1, head: 1 }, total: 1 },
  stepMs: 1,
  imagesPerSec: 1,
});

describe('per-layer heatmap data', () => {
  it('one column per step for short runs; frozen layers are null', () => {
    const h = layerHeatmap([step(1, { a: 3, b: null }), step(2, { a: 4, b: null })], ['a', 'b']);
    expect(h.cols).toEqual([
      { from: 1, to: 1 },
      { from: 2, to: 2 },
    ]);
    expect(h.cells).toEqual([
      [3, 4],
      [null, null],
    ]);
  });

  it('buckets long runs into at most maxCols columns, RMS within a bucket', () => {
    const steps = Array.from({ length: 100 }, (_, i) => step(i + 1, { a: i % 2 ? 4 : 3 }));
    const h = layerHeatmap(steps, ['a'], 10);
    expect(h.cols).toHaveLength(10);
    expect(h.cols[0]).toEqual({ from: 1, to: 10 });
    expect(h.cols.at(-1)).toEqual({ from: 91, to: 100 });
    expect(h.cells[0]?.[0]).toBeCloseTo(Math.sqrt((9 + 16) / 2));
  });

  it('one colour range over all methods; log position clamps', () => {
    const a = layerHeatmap([step(1, { x: 0.1 })], ['x']);
    const b = layerHeatmap([step(1, { x: 10 })], ['x']);
    const r = heatRange([a, b]);
    expect(r).toEqual([0.1, 10]);
    expect(logPosition(1, r as [number, number])).toBeCloseTo(0.5);
    expect(logPosition(100, r as [number, number])).toBe(1);
    expect(heatRange([layerHeatmap([], ['x'])])).toBeNull();
  });

  it('viridis runs from dark purple to yellow', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(2)).toEqual([253, 231, 37]);
  });

  it('pixels: cw x ch per cell; frozen cells light grey', () => {
    const h = layerHeatmap([step(1, { a: 1, b: null }), step(2, { a: 10, b: null })], ['a', 'b']);
    const img = heatmapRgba(h, [1, 10], 2, 3);
    expect([img.width, img.height]).toEqual([4, 6]);
    const px = (x: number, y: number): number[] =>
      Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
    expect(px(0, 0)).toEqual([68, 1, 84, 255]);
    expect(px(3, 2)).toEqual([253, 231, 37, 255]);
    expect(px(1, 4)).toEqual([225, 225, 225, 255]);
  });
});
