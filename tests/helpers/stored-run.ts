/**
 * A tiny saved run as the page stores it (saved-runs/run-record.ts): its load info, two step
 * events and one evaluation of one method ('sgd'), for the e2e tests that write records into
 * IndexedDB before the page opens (damaged records, the record-version upgrade).
 */
import type { FilterSnapshot, StepEvent } from '../../src/core/train/events';
import type { LoadedInfo } from '../../src/protocol/messages';
import type { MethodHistory } from '../../src/ui/store/method-history';

export const STORED_LOADED: LoadedInfo = {
  family: 'vit',
  params: 10,
  embedParams: 2,
  layers: ['patch_embed', 'head'],
  embedLayers: ['patch_embed'],
  numClasses: 2,
  classNames: ['a', 'b'],
  sizes: { train: 4, idVal: 4, ood: 4 },
  idMetric: 'accuracy',
  oodMetric: 'accuracy',
};

const step = (n: number): StepEvent => ({
  type: 'step',
  step: n,
  epoch: 0,
  totalSteps: 2,
  loss: 1 / n,
  lr: 0.01,
  gradNorms: {
    perParam: { 'patch_embed.weight': 1 },
    perLayer: { patch_embed: 1, head: 2 },
    perGroup: { embed: 1, body: null, head: 2 },
    total: 3,
  },
  stepMs: 5,
  imagesPerSec: 6,
});

/** The method's history: steps 1 and 2, one evaluation at step 2 (with the filter pictures when given). */
export function storedSgd(filters?: FilterSnapshot): MethodHistory {
  return {
    steps: [step(1), step(2)],
    evals: [
      {
        type: 'eval',
        step: 2,
        epoch: 0,
        id: { n: 4, accuracy: 0.75 },
        ood: { n: 4, accuracy: 0.5 },
        drift: { patch_embed: 0.1, head: 0.2 },
        ...(filters ? { filters } : {}),
      },
    ],
  };
}
