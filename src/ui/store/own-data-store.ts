/**
 * The user's own images: whether they replace the benchmark, and the last import (its decoded
 * sets and report, or why it was refused). Not in the URL: a link cannot carry someone's files.
 * Imported in the page, not the worker, so the report shows as soon as the folder is picked,
 * before anything is loaded; a classroom folder is a few hundred small images.
 */
import { create } from 'zustand';
import type { ImageDecoder } from '../../data/import/decoder';
import { importImages, type ImportResult } from '../../data/import/import-images';
import { pickedEntries, type PickedFile } from '../features/choose/own-folder';

export interface OwnDataState {
  /** Train on the imported images instead of the benchmark. */
  active: boolean;
  busy: boolean;
  result: ImportResult | null;
  error: string | null;
  /** Changes with every successful import (the worker loads again). */
  id: number;
  /** Imports started: a slower earlier import must not overwrite a later one's outcome. */
  started: number;
  setActive: (on: boolean) => void;
  importFolders: (main: readonly PickedFile[], ood: readonly PickedFile[], decode: ImageDecoder, seed: number) => Promise<void>;
  reset: () => void;
}

const EMPTY = { active: false, busy: false, result: null, error: null, id: 0, started: 0 };

export const useOwnData = create<OwnDataState>()((set, get) => ({
  ...EMPTY,
  setActive: (on) => set({ active: on }),
  importFolders: async (main, ood, decode, seed) => {
    const mine = get().started + 1;
    set({ busy: true, error: null, started: mine });
    const latest = (): boolean => get().started === mine;
    try {
      const result = await importImages(pickedEntries(main, ood), decode, { seed });
      if (latest()) set((s) => ({ busy: false, result, id: s.id + 1 }));
    } catch (e) {
      if (latest()) set({ busy: false, result: null, error: e instanceof Error ? e.message : String(e) });
    }
  },
  reset: () => set(EMPTY),
}));
