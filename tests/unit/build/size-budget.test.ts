/** The build's size budget (tools/build/size-budget.ts): what counts where, and when it fails. */
import { describe, expect, it } from 'vitest';
import { measure, overBudget, type SizeBudget } from '../../../tools/build/size-budget';

const files = [
  { path: 'index.html', bytes: 1_000 },
  { path: 'sw.js', bytes: 18_000 },
  { path: 'assets/index-Ab12.js', bytes: 1_200_000 },
  { path: 'assets/index-Ab12.js.map', bytes: 14_000_000 },
  { path: 'assets/charts-panel-Cd34.js', bytes: 400_000 },
  { path: 'assets/training.worker-Ef56.js', bytes: 2_100_000 },
  { path: 'models/vit-adamw.safetensors', bytes: 850_000 },
  { path: 'data/mnist-benchmark-c0-0.bin.gz', bytes: 500_000 },
];
const budget: SizeBudget = {
  totalBytes: 6e6,
  appBytes: 4e6,
  mainChunkBytes: 1.5e6,
  workerChunkBytes: 2.5e6,
};

describe('size budget', () => {
  it('counts source maps apart, and models and data only in the total', () => {
    expect(measure(files)).toEqual({
      totalBytes: 5_069_000,
      appBytes: 3_719_000,
      mainChunkBytes: 1_200_000,
      workerChunkBytes: 2_100_000,
      mapBytes: 14_000_000,
    });
  });

  it('passes within budget and names every budget exceeded', () => {
    expect(overBudget(measure(files), budget)).toEqual([]);
    const heavy = [
      ...files,
      { path: 'assets/index-Zz99.js', bytes: 1_600_000 },
      { path: 'data/extra.bin.gz', bytes: 2_000_000 },
    ];
    expect(overBudget(measure(heavy), budget)).toEqual([
      'totalBytes: 8.67 MB exceeds the budget of 6.00 MB',
      'appBytes: 5.32 MB exceeds the budget of 4.00 MB',
      'mainChunkBytes: 1.60 MB exceeds the budget of 1.50 MB',
    ]);
  });
});
