/**
 * From what the user picked to the importer's entries (src/data/import): a folder whose
 * subfolders are the classes, and optionally a second folder, with the same class folders,
 * as the out-of-distribution set. A folder picker names every file "<picked folder>/<class>/
 * <file>"; the picked folder's own name is dropped, and the two picks become the importer's
 * train/ and ood/ splits. A first folder that already has train/ val/ ood/ folders is taken
 * as it is.
 */
import type { ImportEntry } from '../../../data/import/entries';
import type { ImportReport } from '../../../data/import/import-images';

export interface PickedFile {
  /** webkitRelativePath: "<picked folder>/<class>/<file>". */
  readonly relativePath: string;
  readonly size: number;
  read(): Promise<Uint8Array>;
}

export function pickedFromFiles(files: Iterable<File>): PickedFile[] {
  return Array.from(files, (f) => ({ relativePath: f.webkitRelativePath || f.name, size: f.size, read: async () => new Uint8Array(await f.arrayBuffer()) }));
}

const inside = (p: string): string => p.split('/').slice(1).join('/');
const SPLIT = /^(train|val|ood)\/[^/]+\/./i;

/** Throws (with what to do) when the two picks cannot be combined. */
export function pickedEntries(main: readonly PickedFile[], ood: readonly PickedFile[] = []): ImportEntry[] {
  const entry = (f: PickedFile, path: string): ImportEntry => ({ path, size: f.size, read: () => f.read() });
  const paths = main.map((f) => inside(f.relativePath));
  const hasSplits = paths.some((p) => SPLIT.test(p));
  if (!ood.length) return main.map((f, i) => entry(f, paths[i] as string));
  if (hasSplits && paths.some((p) => /^ood\//i.test(p))) {
    throw new Error('your folder already has an ood/ folder: pick no second folder, or take ood/ out of the first one');
  }
  return [...main.map((f, i) => entry(f, hasSplits ? (paths[i] as string) : `train/${paths[i] as string}`)), ...ood.map((f) => entry(f, `ood/${inside(f.relativePath)}`))];
}

export interface ReportRow {
  className: string;
  train: number;
  idVal: number;
  ood: number;
}

/** Images kept per class and split, for the report table. */
export function reportRows(r: ImportReport): ReportRow[] {
  return r.classNames.map((className, c) => ({ className, train: r.counts.train[c] ?? 0, idVal: r.counts.idVal[c] ?? 0, ood: r.counts.ood[c] ?? 0 }));
}
