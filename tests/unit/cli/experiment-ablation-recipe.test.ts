import { describe, expect, it } from 'vitest';
import { loadRecipe, optimizerOf, sweepOf } from '../../../src/cli/experiment/load-recipe';
import { methodOf } from '../../../src/presets/experiment-recipe';

/** The ablation's recipe ids (docs/results/ablation-declared.md) build the optimizers the twin builds. */
describe('the ablation methods in the recipe', () => {
  const recipe = loadRecipe();

  it('LAMB and LARS get their own optimizer with the recipe decay (LAMB: timm eps 1e-6; LARS: eta 0.001)', () => {
    expect(optimizerOf(recipe, 'lamb', 0.003)).toEqual({
      kind: 'lamb',
      lr: 0.003,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-6,
      weightDecay: 0.01,
    });
    expect(optimizerOf(recipe, 'lars', 1)).toEqual({
      kind: 'lars',
      lr: 1,
      momentum: 0.9,
      trustCoeff: 1e-3,
      eps: 1e-8,
      weightDecay: 5e-4,
    });
    expect(sweepOf(recipe, 'lamb')).toEqual([0.0003, 0.001, 0.003, 0.01]);
    expect(sweepOf(recipe, 'lars')).toEqual([0.3, 1, 3, 10]);
  });

  it('the embedding rate x0.2 and LP-FT freeze-embed differ from their parents only there', () => {
    const { label: _a, embedLrScale, ...emb } = methodOf(recipe, 'sgd-embed-lr0.2');
    const { label: _b, embedLrScale: parentScale, ...parent } = methodOf(recipe, 'sgd-embed-lr0.1');
    expect([embedLrScale, parentScale]).toEqual([0.2, 0.1]);
    expect(emb).toEqual(parent);
    const { label: _c, freeze, ...lpf } = methodOf(recipe, 'lp-ft-freeze');
    const { label: _d, freeze: lpFreeze, ...lp } = methodOf(recipe, 'lp-ft');
    expect([freeze, lpFreeze]).toEqual([['embed'], []]);
    expect(lpf).toEqual(lp);
  });
});
