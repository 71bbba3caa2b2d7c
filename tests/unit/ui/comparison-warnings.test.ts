import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StepEvent } from '../../../src/core/train/events';
import { comparisonWarnings, recentLoss } from '../../../src/ui/features/insight/results-rows';
import { ResultsTableView } from '../../../src/ui/features/insight/results-table';
import type { MethodHistory } from '../../../src/ui/store/method-history';

const steps = (losses: number[]): StepEvent[] =>
  losses.map((loss, i) => ({
    type: 'step',
    step: i + 1,
    epoch: 0,
    totalSteps: losses.length,
    loss,
    lr: 0.1,
    gradNorms: { perParam: {}, perLayer: {}, perGroup: { embed: 1, body: 1, head: 1 }, total: 1 },
    stepMs: 1,
    imagesPerSec: 1,
  }));
const hist = (losses: number[], extra: Partial<MethodHistory> = {}): MethodHistory => ({
  steps: steps(losses),
  evals: [],
  ...extra,
});
const label = (id: string): string => id.toUpperCase();

describe('honest comparisons', () => {
  it('recent loss is the mean of the last tenth of the steps (at least 5)', () => {
    expect(recentLoss(hist([9, 9, 9, 1, 1, 1, 1, 1]))).toBe(1);
    expect(recentLoss(hist([]))).toBeNull();
  });

  it("flags a method whose loss is still far above the others (the issue's AdamW at 1.26 vs 0.50)", () => {
    const w = comparisonWarnings(
      {
        sgd: hist(Array(20).fill(0.55)),
        adamw: hist(Array(20).fill(1.26)),
        'sgd-freeze': hist(Array(20).fill(0.5)),
      },
      label,
    );
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ methodId: 'adamw', kind: 'undertrained' });
    expect(w[0]?.text).toBe(
      'ADAMW has not finished training (recent loss 1.26 against 0.50 for the lowest): compare with care.',
    );
  });

  it('no flag for losses that differ a little, or in relative terms only', () => {
    expect(
      comparisonWarnings({ a: hist(Array(10).fill(0.5)), b: hist(Array(10).fill(0.65)) }, label),
    ).toEqual([]);
    expect(
      comparisonWarnings({ a: hist(Array(10).fill(0.01)), b: hist(Array(10).fill(0.05)) }, label),
    ).toEqual([]); // 5x, but 0.04 apart
  });

  it('a method that stopped on its own is named, and is not the yardstick for the others', () => {
    const w = comparisonWarnings(
      {
        sgd: hist([2, 1], { failed: { message: 'diverged: NaN in the loss.', step: 2 } }),
        adamw: hist(Array(10).fill(0.6)),
      },
      label,
    );
    expect(w).toEqual([
      {
        methodId: 'sgd',
        kind: 'failed',
        text: 'SGD stopped on its own at step 2 (diverged: NaN in the loss.); the other methods went on.',
      },
    ]);
  });

  it('the results table shows the warnings under it', () => {
    const html = renderToStaticMarkup(
      createElement(ResultsTableView, {
        columns: [
          {
            methodId: 'adamw',
            best: { id: 0.7, ood: 0.68, step: 20, provisional: false },
            final: null,
          },
        ],
        model: 'micro vit',
        worstGroup: false,
        warnings: [
          {
            methodId: 'adamw',
            kind: 'undertrained',
            text: 'AdamW has not finished training: compare with care.',
          },
        ],
      }),
    );
    expect(html).toMatch(
      /<ul class="results-warnings" role="status"[^>]*><li data-kind="undertrained" data-method="adamw">AdamW has not finished training: compare with care.<\/li><\/ul>/,
    );
  });
});
