/**
 * The own-images slice: whether the user's own images replace the benchmark, and the last
 * import (its decoded sets and report, or why it was refused). Not in the URL: a link cannot
 * carry someone's files. The worker reads and decodes them (`import-images`), so a folder of
 * large photos never blocks the page; the report shows as soon as the folder is picked,
 * before anything is loaded, and the sets stay here to be sent with every load.
 */
import type { StateCreator } from 'zustand';
import type { ImportReport, PickedImage, SplitSets } from '../../protocol/messages';
import { pickedEntries, type PickedFile } from '../features/choose/own-folder';
import type { PlaygroundState } from './store';

export interface ImportedImages {
  sets: SplitSets;
  report: ImportReport;
}

/** Sends the picked files to be imported: the sets and report, or why none (`error`). */
export type ImageImporter = (
  files: PickedImage[],
  seed: number,
) => Promise<Partial<ImportedImages> & { error?: string }>;

export interface OwnImages {
  /** Train on the imported images instead of the benchmark. */
  active: boolean;
  busy: boolean;
  result: ImportedImages | null;
  error: string | null;
  /** Changes with every successful import (the worker loads again). */
  id: number;
  /** Imports started: a slower earlier import must not overwrite a later one's outcome. */
  started: number;
}

export interface OwnDataSlice {
  own: OwnImages;
  setOwnActive: (on: boolean) => void;
  importFolders: (
    importer: ImageImporter,
    main: readonly PickedFile[],
    ood: readonly PickedFile[],
    seed: number,
  ) => Promise<void>;
  resetOwnData: () => void;
}

export const OWN_START: OwnImages = {
  active: false,
  busy: false,
  result: null,
  error: null,
  id: 0,
  started: 0,
};

export const createOwnDataSlice: StateCreator<PlaygroundState, [], [], OwnDataSlice> = (
  set,
  get,
) => {
  const update = (change: Partial<OwnImages> | ((o: OwnImages) => Partial<OwnImages>)): void =>
    set((s) => ({ own: { ...s.own, ...(typeof change === 'function' ? change(s.own) : change) } }));
  return {
    own: OWN_START,
    setOwnActive: (on) => update({ active: on }),
    importFolders: async (importer, main, ood, seed) => {
      const mine = get().own.started + 1;
      update({ busy: true, error: null, started: mine });
      const latest = (): boolean => get().own.started === mine;
      try {
        const reply = await importer(pickedEntries(main, ood), seed);
        if (!reply.sets || !reply.report)
          throw new Error(reply.error ?? 'the images could not be imported');
        const result = { sets: reply.sets, report: reply.report };
        if (latest()) update((o) => ({ busy: false, result, id: o.id + 1 }));
      } catch (e) {
        if (latest())
          update({ busy: false, result: null, error: e instanceof Error ? e.message : String(e) });
      }
    },
    resetOwnData: () => set({ own: OWN_START }),
  };
};
