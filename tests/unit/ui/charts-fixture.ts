/** A small two-method history for the chart and results tests (not a test file itself). */
import type { EvalEvent, FilterSnapshot, StepEvent } from '../../../src/core/train/events';
import type { MethodHistory } from '../../../src/ui/store/method-history';

export const LAYERS = ['patch_embed', 'blocks.0', 'head'];

const step = (n: number, embed: number | null): StepEvent => ({
  type: 'step',
  step: n,
  epoch: 0,
  totalSteps: 50,
  loss: 2 / n,
  lr: 0.01,
  gradNorms: {
    perParam: {},
    perLayer: { patch_embed: embed, 'blocks.0': 0.5, head: 0.25 },
    perGroup: { embed, body: 0.5, head: 0.25 },
    total: 1,
  },
  stepMs: 10,
  imagesPerSec: 100,
});

const filters = (scale: number): FilterSnapshot => ({
  param: 'patch_embed.proj.weight',
  shape: [2, 2, 3, 4],
  values: Array.from({ length: 48 }, (_, i) => scale * Math.sin(i)),
});

const evalAt = (n: number, id: number, ood: number, embedDrift: number, f: number): EvalEvent => ({
  type: 'eval',
  step: n,
  epoch: 0,
  id: { n: 10, accuracy: id },
  ood: { n: 10, accuracy: ood, worstGroup: ood - 0.1 },
  drift: { patch_embed: embedDrift, 'blocks.0': 0.01, head: 0.5 },
  filters: filters(f),
});

const memory = (state: number) => ({
  accounting: {
    byGroup: {} as never,
    total: {
      params: 1000,
      trainedParams: 1000,
      weightBytes: 4000,
      gradBytes: 4000,
      stateBytes: state,
    },
    bufferBytes: 0,
    bytesPerParam: (8000 + state) / 1000,
    bytesPerTrainedParam: (8000 + state) / 1000,
  },
  measured: { backend: 'cpu', numTensors: 10, numBytes: 20000 },
});

export function twoMethods(steps = 50): Record<string, MethodHistory> {
  const n = Array.from({ length: steps }, (_, i) => i + 1);
  return {
    sgd: {
      steps: n.map((i) => step(i, 3)),
      evals: [evalAt(0, 0.2, 0.2, 0, 1), evalAt(steps, 0.8, 0.5, 0.3, 1.5)],
      memory: memory(4000),
      done: {
        type: 'done',
        status: 'finished',
        steps,
        best: evalAt(steps, 0.8, 0.5, 0.3, 1.5),
        last: evalAt(steps, 0.8, 0.5, 0.3, 1.5),
        elapsedMs: 1,
      },
    },
    'sgd-freeze': {
      steps: n.slice(0, 10).map((i) => step(i, null)),
      evals: [evalAt(0, 0.2, 0.2, 0, 1)],
      memory: memory(4000),
    },
  };
}
