/**
 * The config slice: every control's value (settings/settings-table.ts) and which controls a
 * classroom link hides. Apart from the session slice (what the worker reports): a component
 * selects one control, so a control change never re-renders a chart. Actions beside state;
 * read it with narrow selectors, e.g. useStore((s) => s.config.seed).
 */
import type { StateCreator } from 'zustand';
import { benchmarkSummary } from '../../data/spec/benchmark-catalog';
import { CLASSROOM_PRESET, type ClassroomPreset } from '../../presets/classroom';
import { PAPER_GAP_PRESET } from '../../presets/paper-gap';
import { RECIPE } from '../../presets/experiment-recipe';
import { METHOD_IDS, PAPER_METHOD_IDS } from '../../presets/method-catalog';
import { presetValues } from '../settings/preset-defaults';
import {
  defaultSettings,
  SETTING_NAMES,
  type Config,
  type SettingName,
} from '../settings/settings-table';
import { parseHash, toHash } from '../settings/url-hash';
import type { PlaygroundState } from './store';

export interface ConfigSlice {
  config: Config;
  hidden: SettingName[];
  /** URL keys the last opened link had that are not controls or did not parse. */
  ignored: string[];
  set: <K extends SettingName>(name: K, value: Config[K]) => void;
  /** Hide or show a control (a classroom link keeps it hidden: `<key>_hide=true`). */
  setHidden: (name: SettingName, hidden: boolean) => void;
  /** The paper's four methods ticked; every other value (rates, decays, model, data, seed) stays. */
  paperComparison: () => void;
  /** Every control back to the classroom preset (the defaults); hidden controls stay hidden. */
  classroomPreset: () => void;
  /**
   * The chosen benchmark at its full size (all classes, its own default set sizes) with the
   * recipe's batch 64 and 6 epochs: where the paper's OOD gap shows (docs/results.md); minutes
   * on a GPU, long on CPU.
   */
  fullBenchmark: () => void;
  /** The full run on acquisition at strength 1 (src/presets/paper-gap.ts); keeps nothing else but hidden settings. */
  paperGap: () => void;
  /** Only these methods ticked (guided mode); everything else stays. */
  setMethods: (ids: readonly string[]) => void;
  /** Open a link (or restore a saved run's config). */
  fromHash: (hash: string) => void;
  hash: () => string;
  resetConfig: () => void;
}

/**
 * A preset as a whole configuration: its values over the defaults (the controls it does not
 * name keep theirs). For the classroom preset this is exactly defaultSettings(), whose defaults
 * the settings table takes from it.
 */
export function settingsOfPreset(p: ClassroomPreset): Config {
  const v = presetValues(p);
  const c = defaultSettings();
  return {
    ...c,
    weights: v.weights,
    benchmark: v.benchmark,
    strength: v.strength,
    classes: v.classes,
    perClass: v.perClass,
    valPerClass: v.valPerClass,
    oodPerClass: v.oodPerClass,
    batchSize: v.batchSize,
    epochs: v.epochs,
    evalsPerEpoch: v.evalsPerEpoch,
    seed: v.seed,
    methods: v.methods,
    lrSgdm: v.lr.sgdm ?? c.lrSgdm,
    lrSgd: v.lr.sgd ?? c.lrSgd,
    lrAdamw: v.lr.adamw ?? c.lrAdamw,
  };
}

/** The recipe's run length for a full benchmark, read from tools/experiment/experiment-recipe.json. */
export const FULL_RUN = { batchSize: RECIPE.batchSize, epochs: RECIPE.epochs } as const;

export type PresetName = 'classroom' | 'full' | 'paperGap' | 'paperComparison';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The configuration a starting-point button asks for, from the current one. */
export function presetTarget(name: PresetName, c: Config): Config {
  switch (name) {
    case 'classroom':
      return settingsOfPreset(CLASSROOM_PRESET);
    case 'paperGap':
      return settingsOfPreset(PAPER_GAP_PRESET);
    case 'full':
      return {
        ...c,
        classes: [],
        perClass: benchmarkSummary(c.benchmark).defaults.trainPerClass,
        valPerClass: 0,
        oodPerClass: 0,
        batchSize: FULL_RUN.batchSize,
        epochs: FULL_RUN.epochs,
        steps: 0,
      };
    case 'paperComparison':
      // The paper's four methods ticked (a change the method list shows), with the rates, weight
      // decays and momentum in force: a link's `lr_sgdm=10` or a preset's rates are what runs.
      return { ...c, methods: [...PAPER_METHOD_IDS] };
  }
}

/**
 * The hidden settings a button would change: a classroom link's hidden settings are the
 * teacher's, so a button that would change one is not offered (preset-buttons.tsx hides it).
 * The paper comparison is offered while its method list is visible; it leaves hidden rates alone.
 */
export function presetConflicts(
  name: PresetName,
  c: Config,
  hidden: readonly SettingName[],
): SettingName[] {
  const target = presetTarget(name, c);
  const changed = hidden.filter((n) => !same(target[n], c[n]));
  return name === 'paperComparison' ? changed.filter((n) => n === 'methods') : changed;
}

/** The target with every hidden setting kept as it is: nothing a student clicks changes them. */
function keepHidden(target: Config, c: Config, hidden: readonly SettingName[]): Config {
  const out = { ...target } as Record<SettingName, unknown>;
  for (const n of hidden) out[n] = c[n];
  return out as Config;
}

/** Class indices still valid on `benchmark` (none left: all classes). */
export function classesFor(benchmark: string, classes: readonly number[]): number[] {
  const k = benchmarkSummary(benchmark).classNames.length;
  return classes.filter((i) => i < k);
}

export const createConfigSlice: StateCreator<PlaygroundState, [], [], ConfigSlice> = (
  set,
  get,
) => ({
  config: defaultSettings(),
  hidden: [],
  ignored: [],
  set: (name, value) =>
    set((s) => ({
      // Class indices belong to a benchmark: another benchmark keeps those it also has.
      config: {
        ...s.config,
        [name]: value,
        ...(name === 'benchmark' && value !== s.config.benchmark
          ? { classes: classesFor(value as string, s.config.classes) }
          : {}),
      },
    })),
  setHidden: (name, hidden) =>
    set((s) => ({
      hidden: SETTING_NAMES.filter((n) => (n === name ? hidden : s.hidden.includes(n))),
    })),
  // Every starting point keeps the hidden settings as they are (a teacher's link is law).
  paperComparison: () =>
    set((s) => ({
      config: keepHidden(presetTarget('paperComparison', s.config), s.config, s.hidden),
    })),
  classroomPreset: () =>
    set((s) => ({
      config: keepHidden(presetTarget('classroom', s.config), s.config, s.hidden),
      ignored: [],
    })),
  fullBenchmark: () =>
    set((s) => ({ config: keepHidden(presetTarget('full', s.config), s.config, s.hidden) })),
  paperGap: () =>
    set((s) => ({
      config: keepHidden(presetTarget('paperGap', s.config), s.config, s.hidden),
      ignored: [],
    })),
  setMethods: (ids) =>
    set((s) => ({ config: { ...s.config, methods: METHOD_IDS.filter((id) => ids.includes(id)) } })),
  fromHash: (hash) => set(parseHash(hash)),
  hash: () => toHash(get().config, get().hidden),
  resetConfig: () => set({ config: defaultSettings(), hidden: [], ignored: [] }),
});
