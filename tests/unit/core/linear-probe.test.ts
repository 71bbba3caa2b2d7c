/**
 * LP-FT (core/train/linear-probe.ts, one form for page, CLI and twin): the head-only epochs added
 * before the run's, the two schedules, and in runTraining: only the head moves during the probe,
 * fine-tuning then starts with fresh momentum and trains every layer; the step events count the
 * probe's steps. Its match with the CLI's two phases: tests/unit/cli/lp-ft-phases.test.ts; with the
 * exported project's train.py: tests/unit/project/project-other-methods.test.ts.
 */
import { TINY_VIT } from '../../helpers/tiny-vit';
import { describe, expect, it } from 'vitest';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { Rng } from '../../../src/core/rng';
import { defaultOptimizer } from '../../../src/spec/optimizer-config';
import { phaseLr, probeSteps, runSteps } from '../../../src/core/train/linear-probe';
import { runTraining } from '../../../src/core/train/run';
import { tintedSplits } from '../../helpers/synthetic';

describe('the head-only steps and schedules', () => {
  it('the probe is whole epochs added before the run: 2 epochs of 46 steps on top of 2 more', () => {
    expect(probeSteps({ epochs: 2, lr: 0.1 }, 46)).toBe(92);
    expect(runSteps({ epochs: 2, lr: 0.1 }, 46, 2)).toBe(184); // the lesson: 2 + 2 epochs
    expect(runSteps({ epochs: 2, lr: 0.1 }, 46, 6)).toBe(368); // the recipe: 2 + 6, lpEpochs/epochs = 1/3 of the fine-tuning steps added
    expect(probeSteps(undefined, 46)).toBe(0);
    expect(runSteps(undefined, 46, 2)).toBe(92);
  });

  it('a probe of no, fractional or negative epochs is refused, named', () => {
    expect(() => probeSteps({ epochs: 0, lr: 0.1 }, 20)).toThrow(
      /linear probe epochs 0 is not a whole number of at least 1/,
    );
    expect(() => probeSteps({ epochs: 0.25, lr: 0.1 }, 20)).toThrow(/linear probe epochs 0.25/);
    expect(() => probeSteps({ epochs: -1, lr: 0.1 }, 20)).toThrow(/linear probe epochs -1/);
  });

  it('cosine over the probe at its rate, then cosine over the rest at the run rate', () => {
    const lp = { epochs: 1, lr: 0.1 };
    expect(phaseLr({ kind: 'cosine' }, 0.01, lp, 5, 0, 20)).toBeCloseTo(0.1, 12);
    expect(phaseLr({ kind: 'cosine' }, 0.01, lp, 5, 4, 20)).toBeCloseTo(
      (0.1 * (1 + Math.cos((Math.PI * 4) / 5))) / 2,
      12,
    );
    expect(phaseLr({ kind: 'cosine' }, 0.01, lp, 5, 5, 20)).toBeCloseTo(0.01, 12);
    expect(phaseLr({ kind: 'cosine' }, 0.01, lp, 5, 12, 20)).toBeCloseTo(
      (0.01 * (1 + Math.cos((Math.PI * 7) / 15))) / 2,
      12,
    );
    expect(phaseLr({ kind: 'cosine' }, 0.01, undefined, 0, 0, 20)).toBeCloseTo(0.01, 12);
  });
});

describe('runTraining with a linear probe', () => {
  it('only the head moves during the probe; then every layer, with fresh optimizer state', async () => {
    const def = buildModel(TINY_VIT);
    const model = ModelInstance.init(def, new Rng(1));
    const start = await model.readAll();
    const seen: { step: number; state: string[]; weights: Map<string, Float32Array> }[] = [];
    const steps: { step: number; totalSteps: number; lr: number }[] = [];
    const r = await runTraining(
      model,
      tintedSplits(14, 3, 4), // 32 images, batch 8: 4 steps an epoch; a 1-epoch probe (4 steps) before 2 epochs (8): 12 in all
      {
        optimizer: defaultOptimizer('sgd-momentum', 0.05),
        schedule: { kind: 'cosine' },
        freeze: [],
        linearProbe: { epochs: 1, lr: 0.1 },
        epochs: 2,
        batchSize: 8,
        seed: 1,
        evalEvery: 0,
        evalAtStart: false,
      },
      {
        onEvent: (e) =>
          void (
            e.type === 'step' && steps.push({ step: e.step, totalSteps: e.totalSteps, lr: e.lr })
          ),
        beforeStep: async (step, optimizer) =>
          void seen.push({ step, state: optimizer.stateNames(), weights: await model.readAll() }),
      },
    );
    expect(r.type).toBe('done');
    const at = (s: number) => seen.find((x) => x.step === s) as (typeof seen)[number];
    const moved = (w: Map<string, Float32Array>) =>
      [...w]
        .filter(([n, v]) => !(start.get(n) as Float32Array).every((x, i) => x === v[i]))
        .map(([n]) => n);
    expect(r.type === 'done' && r.steps).toBe(12);
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(steps.every((s) => s.totalSteps === 12)).toBe(true);
    expect(r.type === 'done' && r.best !== null && r.best.step).toBeGreaterThan(4); // best among the fine-tuning evaluations
    expect(steps[0]?.lr).toBeCloseTo(0.1, 12); // the probe's rate, then the run's afresh
    expect(steps[4]?.lr).toBeCloseTo(0.05, 12);
    expect(moved(at(4).weights).sort()).toEqual(['head.bias', 'head.weight']);
    expect(at(4).state.sort()).toEqual(['head.bias', 'head.weight']);
    expect(at(5).state.sort()).toEqual(
      def.specs
        .filter((s) => s.kind === 'param')
        .map((s) => s.name)
        .sort(),
    );
    expect(moved(await model.readAll())).toContain('patch_embed.proj.weight');
    model.dispose();
  });
});
