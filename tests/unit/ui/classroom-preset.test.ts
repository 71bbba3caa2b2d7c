import { beforeEach, describe, expect, it } from 'vitest';
import { CLASSROOM_PRESET, type ClassroomPreset } from '../../../src/presets/classroom';
import { presetValues } from '../../../src/ui/settings/preset-defaults';
import { FULL_RUN, presetConflicts, type PresetName } from '../../../src/ui/store/config-slice';
import { dataSource, modelSource, runSpec } from '../../../src/ui/settings/to-commands';
import { parseHash, toHash } from '../../../src/ui/settings/url-hash';
import { useStore } from '../../../src/ui/store/store';
import { SETTING_NAMES, defaultSettings } from '../../../src/ui/settings/settings-table';

describe('the classroom preset is the default', () => {
  beforeEach(() => useStore.getState().resetConfig());

  it('a page without a link sends the worker exactly the preset', () => {
    const c = parseHash('').config;
    expect(c).toEqual(defaultSettings());
    const p = CLASSROOM_PRESET;
    expect(modelSource(c)).toEqual({ kind: 'pretrained', name: p.model, seed: p.seed });
    expect(dataSource(c)).toEqual({
      benchmark: p.benchmark,
      seed: p.seed,
      strength: p.strength,
      trainPerClass: p.data.trainPerClass,
      valPerClass: p.data.valPerClass,
      oodPerClass: p.data.oodPerClass,
      classes: p.data.classes,
    });
    const r = runSpec(c);
    expect(r).toMatchObject({
      batchSize: p.batchSize,
      epochs: p.epochs,
      seed: p.seed,
      schedule: { kind: 'cosine' },
      evalEvery: 0,
      evalsPerEpoch: p.evalsPerEpoch,
    });
    expect(r).not.toHaveProperty('maxSteps');
    expect(r.methods.map((m) => [m.id, m.optimizer.lr])).toEqual(
      p.methods.map((m) => [m.method, m.lr]),
    );
  });

  it('the preset survives the link round trip', () => {
    const hash = toHash(defaultSettings());
    const p = CLASSROOM_PRESET;
    const want = [
      `model=${p.model}`,
      `bench=${p.benchmark}`,
      `classes=${p.data.classes.join(',')}`,
      `per_class=${p.data.trainPerClass}`,
      `val_per_class=${p.data.valPerClass}`,
      `ood_per_class=${p.data.oodPerClass}`,
    ];
    for (const kv of [
      ...want,
      `batch=${p.batchSize}`,
      `epochs=${p.epochs}`,
      `seed=${p.seed}`,
      `strength=${p.strength}`,
      `evals_per_epoch=${p.evalsPerEpoch}`,
      'lr_adamw=0.001',
      'lr_sgd=0.03',
      'lr_sgdm=0.01',
    ]) {
      expect(hash).toContain(kv);
    }
    expect(parseHash(hash)).toEqual({ config: defaultSettings(), hidden: [], ignored: [] });
  });

  it('the Classroom preset button restores every control and keeps hidden ones hidden', () => {
    const s = useStore.getState();
    s.set('seed', 5);
    s.set('benchmark', 'region');
    s.set('lrAdamw', 1e-5);
    s.setHidden('seed', true);
    useStore.getState().classroomPreset();
    // Every visible control back to the preset; the teacher's hidden seed stays as the link set it.
    expect(useStore.getState().config).toEqual({ ...defaultSettings(), seed: 5 });
    expect(useStore.getState().hidden).toEqual(['seed']);
  });

  it('Full benchmark: every class at the benchmark size, the recipe batch and epochs; methods and rates stay', () => {
    useStore.getState().set('steps', 7);
    useStore.getState().fullBenchmark();
    const c = useStore.getState().config;
    expect(c).toMatchObject({
      classes: [],
      perClass: 300,
      valPerClass: 0,
      oodPerClass: 0,
      batchSize: FULL_RUN.batchSize,
      epochs: FULL_RUN.epochs,
      steps: 0,
      lrAdamw: 1e-3,
      benchmark: 'acquisition',
    });
    expect(dataSource(c)).toEqual({
      benchmark: 'acquisition',
      seed: 0,
      strength: 1,
      trainPerClass: 300,
    });
  });

  it('setMethods ticks exactly the given methods, in the grid order', () => {
    useStore.getState().setMethods(['sgd-freeze', 'sgd']);
    expect(useStore.getState().config.methods).toEqual(['sgd', 'sgd-freeze']);
    expect(useStore.getState().config.lrSgd).toBe(0.03);
  });

  it('a preset the one-rate-per-optimizer form cannot show fails loudly', () => {
    const bad: ClassroomPreset = {
      ...CLASSROOM_PRESET,
      methods: [
        { method: 'sgd', lr: 0.01 },
        { method: 'sgd-freeze', lr: 0.1 },
      ],
    };
    expect(() => presetValues(bad)).toThrow(/one learning rate per row/);
    expect(() =>
      presetValues({ ...CLASSROOM_PRESET, methods: [{ method: 'sgd-embed-lr0.1', lr: 0.01 }] }),
    ).toThrow(/no control/);
  });
});

describe("a teacher's link is law", () => {
  beforeEach(() => useStore.getState().resetConfig());
  const BUTTONS: PresetName[] = ['classroom', 'full', 'paperGap', 'paperComparison'];
  const apply: Record<PresetName, () => void> = {
    classroom: () => useStore.getState().classroomPreset(),
    full: () => useStore.getState().fullBenchmark(),
    paperGap: () => useStore.getState().paperGap(),
    paperComparison: () => useStore.getState().paperComparison(),
  };

  it.each(BUTTONS)('%s never changes a hidden setting, whichever settings are hidden', (name) => {
    // A link that sets and hides a value different from every preset's, for each control in turn.
    for (const hide of SETTING_NAMES) {
      useStore.getState().resetConfig();
      const link = {
        ...useStore.getState().config,
        lrAdamw: 7e-4,
        lrSgdm: 0.02,
        lrSgd: 0.05,
        batchSize: 12,
        epochs: 9,
        seed: 31,
        perClass: 77,
        methods: ['adamw'],
        benchmark: 'style',
        strength: '0.5',
        classes: [1, 2],
        steps: 11,
        evalsPerEpoch: 3,
      };
      useStore.getState().fromHash(`#${useStore.getState().hash()}`); // a clean round trip first
      useStore.setState({ config: link, hidden: [hide] });
      apply[name]();
      expect(useStore.getState().config[hide], `${name} changed hidden ${hide}`).toEqual(
        link[hide as keyof typeof link] ?? useStore.getState().config[hide],
      );
    }
  });

  it("Run the paper's comparison keeps hidden learning rates (it used to reset them all)", () => {
    useStore.setState({
      config: { ...useStore.getState().config, lrAdamw: 5e-5, methods: ['adamw'] },
      hidden: ['lrAdamw'],
    });
    useStore.getState().paperComparison();
    expect(useStore.getState().config.lrAdamw).toBe(5e-5);
    expect(useStore.getState().config.methods).toHaveLength(4);
  });

  it('a button that would change a hidden setting is not offered; one that would not, is', () => {
    useStore.setState({
      config: { ...useStore.getState().config, batchSize: 12 },
      hidden: ['batchSize'],
    });
    const c = useStore.getState().config;
    expect(presetConflicts('classroom', c, ['batchSize'])).toEqual(['batchSize']);
    expect(presetConflicts('full', c, ['batchSize'])).toEqual(['batchSize']);
    expect(presetConflicts('paperComparison', c, ['batchSize'])).toEqual([]);
    // Hidden at the preset's own value: no conflict, the button stays.
    expect(
      presetConflicts('classroom', { ...c, batchSize: CLASSROOM_PRESET.batchSize }, ['batchSize']),
    ).toEqual([]);
    // A hidden method list fixes the methods: no paper comparison.
    expect(presetConflicts('paperComparison', { ...c, methods: ['adamw'] }, ['methods'])).toEqual([
      'methods',
    ]);
  });

  it('switching the benchmark keeps the class subset where it is still valid', () => {
    useStore.getState().set('classes', [0, 3]);
    useStore.getState().set('benchmark', 'style');
    expect(useStore.getState().config.classes).toEqual([0, 3]);
    useStore.getState().set('classes', [0, 1, 9]);
    useStore.getState().set('benchmark', 'spurious'); // two classes
    expect(useStore.getState().config.classes).toEqual([0, 1]);
  });
});
