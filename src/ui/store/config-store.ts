/**
 * The config slice: every control's value (settings/settings-table.ts) and which controls a
 * classroom link hides. Separate from the session (what the worker reports) so a control
 * change never re-renders a chart. Actions beside state; read it with narrow selectors,
 * e.g. useConfig((s) => s.config.seed).
 */
import { create, type StateCreator } from 'zustand';
import { PAPER_METHODS } from '../../core/optim/methods';
import { defaultConfig, SETTING_NAMES, SETTINGS, type Config, type SettingName } from '../settings/settings-table';
import { parseHash, toHash } from '../settings/url-hash';

export interface ConfigSlice {
  config: Config;
  hidden: SettingName[];
  /** URL keys the last opened link had that are not controls or did not parse. */
  ignored: string[];
  set: <K extends SettingName>(name: K, value: Config[K]) => void;
  /** Hide or show a control (a classroom link keeps it hidden: `<key>_hide=true`). */
  setHidden: (name: SettingName, hidden: boolean) => void;
  /** The paper's four methods with their default hyperparameters; model, data and seed stay. */
  paperComparison: () => void;
  /** Open a link (or restore a saved run's config). */
  fromHash: (hash: string) => void;
  hash: () => string;
  reset: () => void;
}

export const createConfigSlice: StateCreator<ConfigSlice> = (set, get) => ({
  config: defaultConfig(),
  hidden: [],
  ignored: [],
  set: (name, value) =>
    set((s) => ({
      // Class indices belong to a benchmark: another benchmark starts from all of its classes.
      config: { ...s.config, [name]: value, ...(name === 'benchmark' && value !== s.config.benchmark ? { classes: [] } : {}) },
    })),
  setHidden: (name, hidden) => set((s) => ({ hidden: SETTING_NAMES.filter((n) => (n === name ? hidden : s.hidden.includes(n))) })),
  paperComparison: () =>
    set((s) => ({
      config: {
        ...s.config,
        methods: PAPER_METHODS.map((m) => m.id),
        lrSgdm: SETTINGS.lrSgdm.default,
        lrSgd: SETTINGS.lrSgd.default,
        lrAdamw: SETTINGS.lrAdamw.default,
        wdSgdm: SETTINGS.wdSgdm.default,
        wdSgd: SETTINGS.wdSgd.default,
        wdAdamw: SETTINGS.wdAdamw.default,
        momentum: SETTINGS.momentum.default,
      },
    })),
  fromHash: (hash) => set(parseHash(hash)),
  hash: () => toHash(get().config, get().hidden),
  reset: () => set({ config: defaultConfig(), hidden: [], ignored: [] }),
});

export const useConfig = create<ConfigSlice>()(createConfigSlice);
