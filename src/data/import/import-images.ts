/**
 * Your own images -> SplitSets. Validates the layout, skips what is not an image (and says
 * how many), names and skips corrupt files and images too large to decode (their size is read
 * from the header first), and refuses uploads it cannot train on with a message that says what
 * to do. Runs wherever its decoder runs (the training worker in the app, Node in the CLI);
 * nothing is sent anywhere.
 */
import type { ImageSet, SplitSets } from '../../core/image-set';
import type { ImageDecoder } from './decoder';
import { assembleSets, decodePlaced } from './decode-placed';
import type { ImportEntry } from './entries';
import { hiddenSkips, hiddenWarning } from './hidden-folders';
import { classNamesOf, refuseEmptyClasses, refuseUnusable, sortEntries } from './import-checks';
import { readLayout } from './layout';

export { classifyEntry } from './import-checks';

export interface ImportOptions {
  /** Output side in pixels (the models take 28). */
  readonly size?: number;
  /** Refuse uploads with more image files than this (default 20,000). */
  readonly maxImages?: number;
  /** Refuse uploads whose image files total more bytes than this (default 200 MB). */
  readonly maxTotalBytes?: number;
  /** Skip (as corrupt, with the reason) an image of more pixels than this (default 25 million). */
  readonly maxPixels?: number;
  /** Share of each class held out as idVal when there is no val/ folder (default 0.2). */
  readonly valFraction?: number;
  readonly seed?: number;
  /** Checked between two files: once aborted, the import stops and says how far it got. */
  readonly signal?: AbortSignal;
}

export interface ImportReport {
  readonly classNames: readonly string[];
  /** Images kept per split and class, [numClasses] each. */
  readonly counts: Readonly<Record<'train' | 'idVal' | 'ood', readonly number[]>>;
  /** Files that are not png/jpg/jpeg/webp, skipped. */
  readonly skippedNonImages: number;
  /** A few of their names, for the message. */
  readonly skippedNonImageExamples: readonly string[];
  /** OS droppings (__MACOSX, .DS_Store, hidden files, Thumbs.db), skipped silently. */
  readonly skippedJunk: number;
  /** Images inside folders whose names start with "." (".cats/1.png"), skipped and reported. */
  readonly skippedHidden: number;
  /** Those folders (at most five), e.g. ".cats" or "train/.dogs". */
  readonly skippedHiddenFolders: readonly string[];
  /** Image files outside any class folder, skipped. */
  readonly skippedUnplaced: readonly string[];
  /**
   * Files whose names are not valid UTF-8, skipped (a folder read from disk in Node:
   * node-folder.ts fills these; uploads in the browser arrive with names already as text).
   */
  readonly skippedBadNames: number;
  /** A few of their names, U+FFFD in place of the bad bytes. */
  readonly skippedBadNameExamples: readonly string[];
  /** Files that failed to decode: path and reason. */
  readonly corrupt: readonly { readonly path: string; readonly reason: string }[];
  readonly warnings: readonly string[];
}

export interface ImportResult {
  readonly sets: SplitSets;
  readonly report: ImportReport;
}

export const DEFAULT_MAX_IMAGES = 20_000;
export const DEFAULT_MAX_TOTAL_BYTES = 200 * 1024 * 1024;

function countPerClass(set: ImageSet): number[] {
  const c = new Array<number>(set.numClasses).fill(0);
  for (let i = 0; i < set.n; i++)
    c[set.labels[i] as number] = (c[set.labels[i] as number] as number) + 1;
  return c;
}

/** What was skipped and why, as warnings (after those the split assembly added). */
function skipWarnings(
  corrupt: readonly { path: string }[],
  nonImages: readonly string[],
  hiddenNote: string | null,
): string[] {
  const warnings: string[] = [];
  if (corrupt.length > 0)
    warnings.push(
      `${corrupt.length} file(s) could not be decoded and were skipped: ${corrupt
        .slice(0, 3)
        .map((c) => c.path)
        .join(', ')}${corrupt.length > 3 ? ', ...' : ''}`,
    );
  if (nonImages.length > 0) warnings.push(`${nonImages.length} non-image file(s) skipped`);
  if (hiddenNote !== null) warnings.push(hiddenNote);
  return warnings;
}

export async function importImages(
  entries: readonly ImportEntry[],
  decode: ImageDecoder,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const size = options.size ?? 28;
  const warnings: string[] = [];
  const sorted = sortEntries(entries);
  const { skippedJunk, nonImages, imageEntries } = sorted;
  const hidden = hiddenSkips(sorted.hiddenPaths);
  // Said in a refusal too: hidden class folders may be why there are too few classes.
  const hiddenNote = hiddenWarning(hidden);
  const alsoHidden = hiddenNote === null ? '' : ` (${hiddenNote})`;
  refuseUnusable(sorted, alsoHidden, {
    size,
    maxImages: options.maxImages ?? DEFAULT_MAX_IMAGES,
    maxBytes: options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES,
  });

  const layout = readLayout([...imageEntries.keys()]);
  if (layout.unplaced.length > 0) {
    warnings.push(
      `${layout.unplaced.length} image(s) are not inside a class folder and were skipped, e.g. ${layout.unplaced[0]}`,
    );
  }
  const classNames = classNamesOf(layout, alsoHidden);
  const { decoded, corrupt } = await decodePlaced(layout.images, imageEntries, decode, {
    size,
    classNames,
    maxPixels: options.maxPixels,
    signal: options.signal,
  });
  refuseEmptyClasses(classNames, decoded.train.labels, corrupt.length);
  const { train, idVal, ood } = assembleSets(decoded, size, classNames, options, warnings);
  warnings.push(...skipWarnings(corrupt, nonImages, hiddenNote));

  return {
    sets: { train, idVal, ood },
    report: {
      classNames,
      counts: { train: countPerClass(train), idVal: countPerClass(idVal), ood: countPerClass(ood) },
      skippedNonImages: nonImages.length,
      skippedNonImageExamples: nonImages.slice(0, 5),
      skippedJunk,
      skippedHidden: hidden.count,
      skippedHiddenFolders: hidden.folders,
      skippedUnplaced: layout.unplaced,
      skippedBadNames: 0,
      skippedBadNameExamples: [],
      corrupt,
      warnings,
    },
  };
}
