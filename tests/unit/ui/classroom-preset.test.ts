import { beforeEach, describe, expect, it } from 'vitest';
import { CLASSROOM_PRESET, type ClassroomPreset } from '../../../src/presets/classroom';
import { presetValues } from '../../../src/ui/settings/preset-defaults';
import { defaultConfig } from '../../../src/ui/settings/settings-table';
import { dataSource, modelSource, runSpec } from '../../../src/ui/settings/to-commands';
import { parseHash, toHash } from '../../../src/ui/settings/url-hash';
import { FULL_RUN, useConfig } from '../../../src/ui/store/config-store';

describe('the classroom preset is the default', () => {
  beforeEach(() => useConfig.getState().reset());

  it('a page without a link sends the worker exactly the preset', () => {
    const c = parseHash('').config;
    expect(c).toEqual(defaultConfig());
    const p = CLASSROOM_PRESET;
    expect(modelSource(c)).toEqual({ kind: 'pretrained', name: p.model, seed: p.seed });
    expect(dataSource(c)).toEqual({ benchmark: p.benchmark, seed: p.seed, trainPerClass: p.data.trainPerClass, valPerClass: p.data.valPerClass, oodPerClass: p.data.oodPerClass, classes: p.data.classes });
    const r = runSpec(c);
    expect(r).toMatchObject({ batchSize: p.batchSize, epochs: p.epochs, seed: p.seed, schedule: { kind: 'cosine' }, evalEvery: 0 });
    expect(r).not.toHaveProperty('maxSteps');
    expect(r.methods.map((m) => [m.id, m.optimizer.lr])).toEqual(p.methods.map((m) => [m.method, m.lr]));
  });

  it('the preset survives the link round trip', () => {
    const hash = toHash(defaultConfig());
    const p = CLASSROOM_PRESET;
    const want = [`model=${p.model}`, `bench=${p.benchmark}`, `classes=${p.data.classes.join(',')}`, `per_class=${p.data.trainPerClass}`, `val_per_class=${p.data.valPerClass}`, `ood_per_class=${p.data.oodPerClass}`];
    for (const kv of [...want, `batch=${p.batchSize}`, `epochs=${p.epochs}`, `seed=${p.seed}`, 'lr_adamw=0.0003', 'lr_sgd=0.03', 'lr_sgdm=0.01']) {
      expect(hash).toContain(kv);
    }
    expect(parseHash(hash)).toEqual({ config: defaultConfig(), hidden: [], ignored: [] });
  });

  it('the Classroom preset button restores every control and keeps hidden ones hidden', () => {
    const s = useConfig.getState();
    s.set('seed', 5);
    s.set('benchmark', 'region');
    s.set('lrAdamw', 1e-5);
    s.setHidden('seed', true);
    useConfig.getState().classroomPreset();
    expect(useConfig.getState().config).toEqual(defaultConfig());
    expect(useConfig.getState().hidden).toEqual(['seed']);
  });

  it('Full benchmark: every class at the benchmark size, the recipe batch and epochs; methods and rates stay', () => {
    useConfig.getState().set('steps', 7);
    useConfig.getState().fullBenchmark();
    const c = useConfig.getState().config;
    expect(c).toMatchObject({ classes: [], perClass: 300, valPerClass: 0, oodPerClass: 0, batchSize: FULL_RUN.batchSize, epochs: FULL_RUN.epochs, steps: 0, lrAdamw: 3e-4, benchmark: 'style' });
    expect(dataSource(c)).toEqual({ benchmark: 'style', seed: 0, trainPerClass: 300 });
  });

  it('setMethods ticks exactly the given methods, in the grid order', () => {
    useConfig.getState().setMethods(['sgd-freeze', 'sgd']);
    expect(useConfig.getState().config.methods).toEqual(['sgd', 'sgd-freeze']);
    expect(useConfig.getState().config.lrSgd).toBe(0.03);
  });

  it('a preset the one-rate-per-optimizer form cannot show fails loudly', () => {
    const bad: ClassroomPreset = { ...CLASSROOM_PRESET, methods: [{ method: 'sgd', lr: 0.01 }, { method: 'sgd-freeze', lr: 0.1 }] };
    expect(() => presetValues(bad)).toThrow(/one learning rate per row/);
    expect(() => presetValues({ ...CLASSROOM_PRESET, methods: [{ method: 'sgd-embed-lr0.1', lr: 0.01 }] })).toThrow(/no control/);
  });
});
