/**
 * LP-FT is one form on the page and in the CLI (core/train/linear-probe.ts): the page's MethodSpec
 * (settings -> methodSpecs) carries the CLI's phases (phasesOf: the recipe's head-only epochs at
 * lpLr, then the run's epochs with the method's freeze), and one runTraining with that spec, as
 * the worker starts it, trains exactly as the CLI's two runPhase calls: the same weights at the
 * end, the same evaluations, the head-only steps counted before the fine-tuning ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BenchmarkCache } from '../../../src/cli/experiment/load';
import type { EpochResult } from '../../../src/cli/experiment/record';
import { phasesOf, runPhase, type CheckpointEntry } from '../../../src/cli/experiment/run-one';
import { useCpuBackend } from '../../../src/cli/node-backend';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { Rng } from '../../../src/core/rng';
import { defaultModelConfig, type ModelConfig } from '../../../src/spec/model-config';
import { GROUP_NAMES } from '../../../src/spec/param-spec';
import type { EvalEvent, StepEvent } from '../../../src/core/train/events';
import { runTraining, stepsPerEpoch } from '../../../src/core/train/run';
import { benchmarkAugmenter } from '../../../src/data/augmenter';
import { methodOf, RECIPE } from '../../../src/presets/experiment-recipe';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { methodSpecs } from '../../../src/ui/settings/to-commands';

beforeAll(async () => {
  await useCpuBackend();
});

const ID = 'lp-ft-freeze';
const recipe = { ...RECIPE, epochs: 2, batchSize: 8 }; // the lesson's 2 epochs, a small batch
const c = {
  ...defaultSettings(),
  methods: [ID],
  lrSgdm: 0.01,
  epochs: recipe.epochs,
  batchSize: recipe.batchSize,
};
const spec = methodSpecs(c)[0];

describe("the page's LP-FT is the CLI's", () => {
  it("the page's MethodSpec carries the CLI's phases", () => {
    const [lp, ft] = phasesOf(methodOf(RECIPE, ID), recipe.epochs);
    expect(spec?.linearProbe).toEqual({ epochs: lp?.epochs, lr: lp?.lr });
    expect(spec?.linearProbe).toEqual({ epochs: 2, lr: 0.1 });
    expect(lp?.freeze).toEqual(GROUP_NAMES.filter((g) => g !== 'head'));
    expect(spec?.freeze).toEqual(ft?.freeze);
    expect(ft?.epochs).toBe(recipe.epochs);
  });

  it('one page run trains exactly as the CLI phases: same final weights, evaluations and step count', async () => {
    if (!spec?.linearProbe) throw new Error('lp-ft-freeze has no linear probe on the page');
    const data = await new BenchmarkCache().get('acquisition', {
      seed: 2,
      trainPerClass: 2,
      valPerClass: 1,
      oodPerClass: 1,
    });
    const config = defaultModelConfig('vit', {
      dim: 8,
      depth: 1,
      heads: 2,
      mlpRatio: 2,
      imageSize: 28,
      numClasses: data.sets.train.numClasses,
    }) as ModelConfig;
    const def = buildModel(config);
    const weights = await ModelInstance.init(def, new Rng(5)).readAll();
    const perEpoch = stepsPerEpoch(data.sets.train.n, recipe.batchSize);

    // The CLI: its phases, one runPhase (one runTraining) each, on one model.
    const cli = ModelInstance.fromValues(def, weights);
    const entry: CheckpointEntry = { name: 'tiny', file: 'tiny.safetensors', config };
    const epochs: EpochResult[] = [];
    const inp = {
      entry,
      bytes: new Uint8Array(0),
      data,
      method: ID,
      lr: spec.optimizer.lr,
      seed: 3,
      recipe,
    };
    let cliSteps = 0;
    for (const phase of phasesOf(methodOf(recipe, ID), recipe.epochs))
      cliSteps += (await runPhase(inp, cli, phase, epochs)).steps;

    // The page: one runTraining with the MethodSpec, as the worker's run controller starts it.
    const page = ModelInstance.fromValues(def, weights);
    const steps: StepEvent[] = [];
    const evals: EvalEvent[] = [];
    const r = await runTraining(
      page,
      data.sets,
      {
        optimizer: spec.optimizer,
        schedule: { kind: 'cosine' },
        freeze: spec.freeze,
        linearProbe: spec.linearProbe,
        epochs: recipe.epochs,
        batchSize: recipe.batchSize,
        seed: 3,
        evalEvery: 0,
        evalAtStart: false,
      },
      {
        groupWeights: data.trainGroupWeights,
        augment: benchmarkAugmenter(data),
        onEvent: (e) =>
          void (e.type === 'step' ? steps.push(e) : e.type === 'eval' && evals.push(e)),
      },
    );
    expect(r.type).toBe('done');
    expect(steps.length).toBe((2 + recipe.epochs) * perEpoch); // head-only steps added before the run's
    expect(cliSteps).toBe(steps.length);
    expect(steps.every((s) => s.totalSteps === steps.length)).toBe(true);
    const a = await cli.readAll();
    const b = await page.readAll();
    let diff = 0;
    for (const [n, v] of a)
      (b.get(n) as Float32Array).forEach(
        (x, i) => (diff = Math.max(diff, Math.abs(x - (v[i] as number)))),
      );
    expect(diff).toBeLessThan(1e-6);
    const w0 = weights.get('head.weight') as Float32Array;
    expect((b.get('head.weight') as Float32Array).some((x, i) => x !== w0[i])).toBe(true); // it trained
    expect(evals.map((e) => e.id.accuracy)).toEqual(epochs.map((e) => e.idAcc));
    expect(epochs.filter((e) => e.phase === 'lp')).toHaveLength(2);
    cli.dispose();
    page.dispose();
  }, 60_000);
});
