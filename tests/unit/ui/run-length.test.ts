/** The longest run the page accepts: a 10^6-step link is refused up front, with the reason, before anything loads. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { stepsPerEpoch as engineStepsPerEpoch } from '../../../src/core/train/run';
import { ChoosePanel } from '../../../src/ui/features/choose/choose-panel';
import {
  MAX_STEPS_PER_METHOD,
  plannedSteps,
  runLengthProblem,
  stepsPerEpoch,
  trainImagesFor,
  trainImagesOf,
} from '../../../src/ui/settings/run-length';
import { parseHash } from '../../../src/ui/settings/url-hash';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { presetTarget } from '../../../src/ui/store/config-slice';

import { useStore } from '../../../src/ui/store/store';
function renderChoose(): string {
  const initial = useStore.getInitialState();
  const saved = { ...initial };
  Object.assign(initial, useStore.getState());
  try {
    return renderToStaticMarkup(createElement(ChoosePanel, { pretrained: [], disabled: false }));
  } finally {
    Object.assign(initial, saved);
  }
}

describe('run length', () => {
  beforeEach(() => useStore.getState().resetConfig());

  it('counts steps as the engine does: epochs of whole batches, or the step cap when shorter', () => {
    for (const [n, b] of [
      [3000, 64],
      [1500, 32],
      [10, 32],
      [64, 64],
    ] as const)
      expect(stepsPerEpoch(n, b)).toBe(engineStepsPerEpoch(n, b));
    const c = defaultSettings(); // the classroom preset: 5 digits x 300 images, batch 32, 2 epochs
    expect(trainImagesOf(c)).toBe(1500);
    expect(plannedSteps(c, 1500)).toBe(2 * 46);
    expect(plannedSteps({ ...c, steps: 10 }, 1500)).toBe(10);
    expect(plannedSteps({ ...c, steps: 1000 }, 1500)).toBe(92);
    // LP-FT's two head-only epochs come before the run's own: its method trains 2 + 2 epochs.
    expect(plannedSteps({ ...c, methods: ['sgd', 'lp-ft-freeze'] }, 1500)).toBe(4 * 46);
    expect(runLengthProblem({ ...c, methods: ['lp-ft'], epochs: 2200 }, 1500)).toContain(
      '2,200 epochs (+2 head-only for LP-FT) of 46 steps',
    );
    expect(trainImagesOf({ ...c, classes: [] })).toBe(3000); // all ten digits
    expect(trainImagesFor(c, { active: true, result: { sets: { train: { n: 40 } } } })).toBe(40);
  });

  it('accepts the presets and refuses a 10^6-step link with a message that says what and why', () => {
    const c = defaultSettings();
    for (const p of ['classroom', 'full', 'paperGap'] as const)
      expect(runLengthProblem(presetTarget(p, c))).toBeNull();
    expect(
      runLengthProblem(parseHash(`#steps=${MAX_STEPS_PER_METHOD}&epochs=10000`).config),
    ).toBeNull();

    // `steps` only caps the epochs: alone it asks for nothing more than the epochs do.
    expect(runLengthProblem(parseHash('#steps=1000000').config)).toBeNull();

    const link = parseHash('#epochs=10000&batch=15'); // 1,500 images: 100 steps an epoch
    expect(link.ignored).toEqual([]); // the link is read as it is, then refused as a whole
    const why = runLengthProblem(link.config);
    expect(why).toMatch(
      /^This run asks for 1,000,000 steps per method \(10,000 epochs of 100 steps \(batch 15\), 4,000,000 steps for 4 methods\)\./,
    );
    expect(why).toMatch(/at most 100,000 steps per method/);
    expect(why).toMatch(/Lower the steps per method or the epochs/);
    // A step cap that binds is named as such.
    expect(runLengthProblem(parseHash('#epochs=10000&steps=200000&methods=sgd').config)).toMatch(
      /^This run asks for 200,000 steps per method \(a cap of 200,000 steps\)\./,
    );
  });

  it('the Choose panel says so as soon as such a link opens', () => {
    expect(renderChoose()).not.toContain('data-testid="run-too-long"');
    useStore.getState().fromHash('#steps=1000000&epochs=10000&batch=15');
    const html = renderChoose();
    expect(html).toContain('data-testid="run-too-long"');
    expect(html).toContain('1,000,000 steps per method');
  });
});
