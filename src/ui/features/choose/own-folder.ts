/**
 * From what the user picked to the files the worker imports (`import-images`, which runs
 * src/data/import): a folder whose subfolders are the classes, and optionally a second folder,
 * with the same class folders, as the out-of-distribution set. A folder picker names every file
 * "<picked folder>/<class>/<file>"; the picked folder's own name is dropped, and the two picks
 * become the importer's train/ and ood/ splits. A first folder that already has train/ val/
 * ood/ folders is taken as it is. Only paths are read here: the bytes go to the worker unread.
 */
import type { ImportReport, PickedImage } from '../../../protocol/messages';

export interface PickedFile {
  /** webkitRelativePath: "<picked folder>/<class>/<file>". */
  readonly relativePath: string;
  readonly file: Blob;
}

export function pickedFromFiles(files: Iterable<File>): PickedFile[] {
  return Array.from(files, (f) => ({ relativePath: f.webkitRelativePath || f.name, file: f }));
}

const inside = (p: string): string => p.split('/').slice(1).join('/');
const SPLIT = /^(train|val|ood)\/[^/]+\/./i;

/** Throws (with what to do) when the two picks cannot be combined. */
export function pickedEntries(
  main: readonly PickedFile[],
  ood: readonly PickedFile[] = [],
): PickedImage[] {
  const entry = (f: PickedFile, path: string): PickedImage => ({ path, file: f.file });
  const paths = main.map((f) => inside(f.relativePath));
  const hasSplits = paths.some((p) => SPLIT.test(p));
  if (!ood.length) return main.map((f, i) => entry(f, paths[i] as string));
  if (hasSplits && paths.some((p) => /^ood\//i.test(p))) {
    throw new Error(
      'your folder already has an ood/ folder: pick no second folder, or take ood/ out of the first one',
    );
  }
  return [
    ...main.map((f, i) =>
      entry(f, hasSplits ? (paths[i] as string) : `train/${paths[i] as string}`),
    ),
    ...ood.map((f) => entry(f, `ood/${inside(f.relativePath)}`)),
  ];
}

export interface ReportRow {
  className: string;
  train: number;
  idVal: number;
  ood: number;
}

/** Images kept per class and split, for the report table. */
export function reportRows(r: ImportReport): ReportRow[] {
  return r.classNames.map((className, c) => ({
    className,
    train: r.counts.train[c] ?? 0,
    idVal: r.counts.idVal[c] ?? 0,
    ood: r.counts.ood[c] ?? 0,
  }));
}
