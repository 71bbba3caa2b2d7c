import { beforeEach, describe, expect, it } from 'vitest';
import { PAPER_METHOD_IDS } from '../../../src/presets/method-catalog';
import { useStore } from '../../../src/ui/store/store';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import {
  dataSource,
  loadKey,
  methodSpecs,
  modelSource,
  runSpec,
} from '../../../src/ui/settings/to-commands';

describe('config store and the commands it makes', () => {
  beforeEach(() => useStore.getState().resetConfig());

  it('set changes one control; the hash follows; fromHash restores it', () => {
    useStore.getState().set('seed', 42);
    useStore.getState().set('benchmark', 'region');
    const hash = useStore.getState().hash();
    useStore.getState().resetConfig();
    expect(useStore.getState().config.seed).toBe(0);
    useStore.getState().fromHash(hash);
    expect(useStore.getState().config).toMatchObject({ seed: 42, benchmark: 'region' });
  });

  it('hiding a control puts <key>_hide=true in the link; showing it again takes it out', () => {
    useStore.getState().setHidden('lrAdamw', true);
    useStore.getState().setHidden('seed', true);
    expect(useStore.getState().hidden).toEqual(['seed', 'lrAdamw']);
    expect(useStore.getState().hash()).toContain('lr_adamw_hide=true');
    useStore.getState().setHidden('lrAdamw', false);
    expect(useStore.getState().hash()).not.toContain('lr_adamw_hide');
    expect(useStore.getState().hash()).toContain('seed_hide=true');
  });

  it('the paper comparison: the four methods ticked, with the rates in force, same weights, data and seed', () => {
    const s = useStore.getState();
    s.set('methods', ['adamw-freeze']);
    s.set('lrSgdm', 0.1);
    s.set('seed', 9);
    s.set('benchmark', 'style');
    const before = useStore.getState().config;
    s.paperComparison();
    const c = useStore.getState().config;
    // Only the method list changes (visibly: its boxes tick); nothing else is reset behind the user's back.
    expect(c).toEqual({ ...before, methods: [...PAPER_METHOD_IDS] });
    const lr = {
      sgd: 0.1,
      'sgd-freeze': 0.1,
      adamw: before.lrAdamw,
      'sgd-freeze-nomom': before.lrSgd,
    } as Record<string, number>;
    expect(methodSpecs(c).map((m) => [m.id, m.optimizer.lr])).toEqual(
      PAPER_METHOD_IDS.map((id) => [id, lr[id]]),
    );
  });

  it("a link's lr_sgdm=10 survives the paper comparison, hidden or not", () => {
    for (const link of [
      '#lr_sgdm=10',
      '#lr_sgdm=10&lr_sgdm_hide=true',
      '#lr_sgdm=10&wd_sgdm=0.001&lr_adamw=0.0007',
    ]) {
      useStore.getState().resetConfig();
      useStore.getState().fromHash(link);
      const before = useStore.getState().config;
      expect(before.lrSgdm, link).toBe(10);
      useStore.getState().paperComparison();
      const after = useStore.getState().config;
      expect(after, link).toEqual({ ...before, methods: [...PAPER_METHOD_IDS] });
      expect(runSpec(after).methods.find((m) => m.id === 'sgd')?.optimizer.lr, link).toBe(10);
    }
  });

  it('hyperparameters per optimizer reach the run spec', () => {
    const c = {
      ...defaultSettings(),
      methods: ['sgd-nomom', 'sgd', 'adamw-freeze'],
      lrSgd: 0.05,
      wdSgd: 1e-4,
      lrSgdm: 3e-4,
      momentum: 0.8,
      lrAdamw: 1e-4,
      wdAdamw: 0.05,
      steps: 10,
      schedule: 'warmup-cosine',
      warmup: 3,
    };
    const r = runSpec(c);
    expect(r.methods.map((m) => [m.id, m.optimizer, m.freeze])).toEqual([
      ['sgd', { kind: 'sgd', lr: 3e-4, momentum: 0.8, nesterov: false, weightDecay: 0 }, []],
      ['sgd-nomom', { kind: 'sgd', lr: 0.05, momentum: 0, nesterov: false, weightDecay: 1e-4 }, []],
      [
        'adamw-freeze',
        { kind: 'adamw', lr: 1e-4, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.05 },
        ['embed'],
      ],
    ]);
    expect(r).toMatchObject({
      schedule: { kind: 'warmup-cosine', warmupSteps: 3 },
      maxSteps: 10,
      evalEvery: 2,
      seed: 0,
    });
    expect(runSpec({ ...c, steps: 0 })).not.toHaveProperty('maxSteps');
  });

  it('weights, data and the load key', () => {
    const c = defaultSettings();
    expect(modelSource(c)).toEqual({ kind: 'pretrained', name: 'vit-adamw', seed: 0 });
    expect(modelSource({ ...c, weights: 'random', arch: 'resnet', size: 'tiny' })).toMatchObject({
      kind: 'scratch',
      config: { family: 'resnet' },
    });
    expect(dataSource({ ...c, classes: [1, 2], valPerClass: 0, oodPerClass: 0 })).toEqual({
      benchmark: c.benchmark,
      seed: 0,
      strength: 1,
      trainPerClass: 300,
      classes: [1, 2],
    });
    expect(dataSource({ ...c, valPerClass: 8, oodPerClass: 0 })).toMatchObject({ valPerClass: 8 });
    expect(dataSource({ ...c, valPerClass: 8, oodPerClass: 0 })).not.toHaveProperty('oodPerClass');
    expect(dataSource({ ...c, strength: 'default' })).not.toHaveProperty('strength'); // the benchmark's own default
    expect(dataSource({ ...c, strength: '1' })).toMatchObject({ strength: 1 });
    expect(dataSource({ ...c, strength: '0' })).toMatchObject({ strength: 0 });
    expect(loadKey(c)).not.toBe(loadKey({ ...c, strength: 'default' }));
    expect(loadKey(c)).toBe(loadKey({ ...c, lrSgd: 1 }));
    expect(loadKey(c)).not.toBe(loadKey({ ...c, seed: 1 }));
  });
});
