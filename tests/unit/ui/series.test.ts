import { describe, expect, it } from 'vitest';
import type { EvalEvent, StepEvent } from '../../../src/core/train/events';
import type { MethodHistory } from '../../../src/ui/store/method-history';
import {
  accuracyRows,
  driftRows,
  evalLine,
  lossOf,
  lossRows,
  oodAccuracy,
  stepLine,
} from '../../../src/ui/features/charts/series';

const step = (
  n: number,
  loss: number,
  embed: number | null,
  body: number,
  head: number,
): StepEvent => ({
  type: 'step',
  step: n,
  epoch: 0,
  totalSteps: 10,
  loss,
  lr: 0.1,
  gradNorms: { perParam: {}, perLayer: {}, perGroup: { embed, body, head }, total: 1 },
  stepMs: 1,
  imagesPerSec: 1,
});
const evalAt = (
  n: number,
  id: number,
  ood: number,
  worst: number,
  drift: Record<string, number>,
): EvalEvent => ({
  type: 'eval',
  step: n,
  epoch: 0,
  id: { n: 10, accuracy: id, reweighted: id - 0.01 },
  ood: { n: 10, accuracy: ood, worstGroup: worst },
  drift,
});

const methods: Record<string, MethodHistory> = {
  sgd: {
    steps: [step(1, 2, 3, 3, 4), step(2, 1.5, 6, 3, 4)],
    evals: [
      evalAt(0, 0.5, 0.4, 0.2, { patch_embed: 0 }),
      evalAt(2, 0.8, 0.6, 0.3, { patch_embed: 0.2 }),
    ],
  },
  frozen: {
    steps: [step(1, 2.1, null, 3, 4)],
    evals: [evalAt(2, 0.85, 0.7, 0.5, { patch_embed: 0 })],
  },
};

describe('chart series', () => {
  it('loss rows merge methods by step', () => {
    expect(lossRows(methods)).toEqual([
      { step: 1, sgd: 2, frozen: 2.1 },
      { step: 2, sgd: 1.5 },
    ]);
  });

  it('accuracy rows use worst-group OOD and reweighted ID when the benchmark has groups', () => {
    expect(accuracyRows(methods, false).at(-1)).toMatchObject({
      step: 2,
      'sgd:id': 0.8,
      'sgd:ood': 0.6,
    });
    expect(accuracyRows(methods, true).at(-1)).toMatchObject({
      'sgd:id': 0.79,
      'sgd:ood': 0.3,
      'frozen:ood': 0.5,
    });
  });

  it('drift rows show the latest value per layer and method', () => {
    expect(driftRows(methods, ['patch_embed', 'head'])).toEqual([
      { layer: 'patch_embed', sgd: 0.2, frozen: 0 },
      { layer: 'head', sgd: null, frozen: null },
    ]);
  });

  it('a table holds what its chart line draws (one accessor per metric); evaluate-now requests are in neither', () => {
    const sgd = methods.sgd as MethodHistory;
    const now = { ...evalAt(3, 0.9, 0.9, 0.9, {}), epoch: -1 };
    const withNow = { ...methods, sgd: { ...sgd, evals: [...sgd.evals, now] } };
    const table = accuracyRows(withNow, true).flatMap((r) =>
      'sgd:ood' in r ? [[r.step, r['sgd:ood']]] : [],
    );
    expect(table).toEqual(
      evalLine(withNow.sgd, (e) => oodAccuracy(e, true)).map(([x, y]) => [x, y]),
    );
    expect(table.map(([step]) => step)).toEqual([0, 2]);
    expect(lossRows(methods).flatMap((r) => ('sgd' in r ? [[r.step, r.sgd]] : []))).toEqual(
      stepLine(sgd, lossOf).map(([x, y]) => [x, y]),
    );
  });
});
