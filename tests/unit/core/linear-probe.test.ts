/**
 * LP-FT in one run (core/train/linear-probe.ts, the page's form): the head-only share of the
 * steps, the two schedules, and in runTraining: only the head moves during the probe, fine-tuning
 * then starts with fresh momentum and trains every layer. Its match with the exported project's
 * train.py: tests/unit/project/project-other-methods.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { Rng } from '../../../src/core/rng';
import { defaultModelConfig } from '../../../src/core/spec/model-config';
import { defaultOptimizer } from '../../../src/core/spec/optimizer-config';
import { phaseLr, probeSteps } from '../../../src/core/train/linear-probe';
import { runTraining } from '../../../src/core/train/run';
import { tintedSplits } from '../../helpers/synthetic';

describe('the probe share and schedules', () => {
  it('a quarter of 20 steps is 5; at least one step each way; a bad fraction is named', () => {
    expect(probeSteps({ fraction: 0.25, lr: 0.1 }, 20)).toBe(5);
    expect(probeSteps({ fraction: 0.01, lr: 0.1 }, 20)).toBe(1);
    expect(probeSteps({ fraction: 0.99, lr: 0.1 }, 20)).toBe(19);
    expect(probeSteps(undefined, 20)).toBe(0);
    expect(probeSteps({ fraction: 0.25, lr: 0.1 }, 1)).toBe(0);
    expect(() => probeSteps({ fraction: 1, lr: 0.1 }, 20)).toThrow(/linear probe fraction 1 is not between 0 and 1/);
  });

  it('cosine over the probe at its rate, then cosine over the rest at the run rate', () => {
    const lp = { fraction: 0.25, lr: 0.1 };
    expect(phaseLr({ kind: 'cosine' }, 0.01, lp, 5, 0, 20)).toBeCloseTo(0.1, 12);
    expect(phaseLr({ kind: 'cosine' }, 0.01, lp, 5, 4, 20)).toBeCloseTo((0.1 * (1 + Math.cos((Math.PI * 4) / 5))) / 2, 12);
    expect(phaseLr({ kind: 'cosine' }, 0.01, lp, 5, 5, 20)).toBeCloseTo(0.01, 12);
    expect(phaseLr({ kind: 'cosine' }, 0.01, undefined, 0, 0, 20)).toBeCloseTo(0.01, 12);
  });
});

describe('runTraining with a linear probe', () => {
  it('only the head moves during the probe; then every layer, with fresh optimizer state', async () => {
    const def = buildModel(defaultModelConfig('vit', { dim: 8, depth: 1, heads: 2, mlpRatio: 2, imageSize: 14, numClasses: 3 }));
    const model = ModelInstance.init(def, new Rng(1));
    const start = await model.readAll();
    const seen: { step: number; state: string[]; weights: Map<string, Float32Array> }[] = [];
    const r = await runTraining(
      model,
      tintedSplits(14, 3, 4), // 32 images, batch 8: 4 steps an epoch, 8 in all; the probe 2
      { optimizer: defaultOptimizer('sgd-momentum', 0.05), schedule: { kind: 'cosine' }, freeze: [], linearProbe: { fraction: 0.25, lr: 0.1 }, epochs: 2, batchSize: 8, seed: 1, evalEvery: 0, evalAtStart: false },
      {
        onEvent: () => undefined,
        beforeStep: async (step, optimizer) => void seen.push({ step, state: optimizer.stateNames(), weights: await model.readAll() }),
      },
    );
    expect(r.type).toBe('done');
    const at = (s: number) => seen.find((x) => x.step === s) as (typeof seen)[number];
    const moved = (w: Map<string, Float32Array>) => [...w].filter(([n, v]) => !(start.get(n) as Float32Array).every((x, i) => x === v[i])).map(([n]) => n);
    expect(moved(at(2).weights).sort()).toEqual(['head.bias', 'head.weight']);
    expect(at(2).state.sort()).toEqual(['head.bias', 'head.weight']);
    expect(at(3).state.sort()).toEqual(def.specs.filter((s) => s.kind === 'param').map((s) => s.name).sort());
    expect(moved(await model.readAll())).toContain('patch_embed.proj.weight');
    model.dispose();
  });
});
