/**
 * Your own images -> SplitSets. Validates the layout, skips what is not an image (and says
 * how many), names and skips corrupt files and images too large to decode (their size is read
 * from the header first), and refuses uploads it cannot train on with a message that says what
 * to do. Runs wherever its decoder runs (the training worker in the app, Node in the CLI);
 * nothing is sent anywhere.
 */
import type { ImageSet, SplitSets } from '../../core/image-set';
import { stratifiedHoldout } from '../subset';
import type { ImageDecoder } from './decoder';
import type { ImportEntry } from './entries';
import { ImportError } from './import-error';
import { hiddenSkips, hiddenWarning } from './hidden-folders';
import { hiddenFolder, isImageName, isJunk, readLayout, type SplitName } from './layout';
import { DEFAULT_MAX_PIXELS, refuseBeforeDecoding } from './pixel-cap';
import { toSquareRgb } from './resize';

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
/** Decoded images of one split: [n, size, size, 3] and labels. */
interface Decoded {
  pixels: Uint8Array[];
  labels: number[];
}

/** Filters entries before reading anything (use as the zip `keep` callback too). */
export function classifyEntry(path: string): 'junk' | 'hidden' | 'non-image' | 'image' {
  if (hiddenFolder(path) !== undefined) return 'hidden';
  if (isJunk(path)) return 'junk';
  return isImageName(path) ? 'image' : 'non-image';
}

function toImageSet(d: Decoded, size: number, classNames: readonly string[]): ImageSet {
  const stride = size * size * 3;
  const pixels = new Uint8Array(d.pixels.length * stride);
  d.pixels.forEach((p, i) => pixels.set(p, i * stride));
  return {
    pixels,
    labels: Int32Array.from(d.labels),
    n: d.labels.length,
    height: size,
    width: size,
    channels: 3,
    numClasses: classNames.length,
    classNames,
  };
}

function countPerClass(set: ImageSet): number[] {
  const c = new Array<number>(set.numClasses).fill(0);
  for (let i = 0; i < set.n; i++) c[set.labels[i] as number] = (c[set.labels[i] as number] as number) + 1;
  return c;
}

export async function importImages(entries: readonly ImportEntry[], decode: ImageDecoder, options: ImportOptions = {}): Promise<ImportResult> {
  const size = options.size ?? 28;
  const maxImages = options.maxImages ?? DEFAULT_MAX_IMAGES;
  const maxBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const warnings: string[] = [];

  let skippedJunk = 0;
  const nonImages: string[] = [];
  const hiddenPaths: string[] = [];
  const imageEntries = new Map<string, ImportEntry>();
  for (const e of entries) {
    const kind = classifyEntry(e.path);
    if (kind === 'junk') skippedJunk++;
    else if (kind === 'hidden') hiddenPaths.push(e.path);
    else if (kind === 'non-image') nonImages.push(e.path);
    else imageEntries.set(e.path, e);
  }
  const hidden = hiddenSkips(hiddenPaths);
  // Said in a refusal too: hidden class folders may be why there are too few classes.
  const hiddenNote = hiddenWarning(hidden);
  const alsoHidden = hiddenNote === null ? '' : ` (${hiddenNote})`;
  if (imageEntries.size === 0) {
    throw new ImportError('no-images', `found no images (png, jpg, jpeg, webp)${nonImages.length > 0 ? ` among ${nonImages.length} other files` : ''}; lay the folder out as class_name/image.png${alsoHidden}`);
  }
  const totalBytes = [...imageEntries.values()].reduce((s, e) => s + e.size, 0);
  if (imageEntries.size > maxImages || totalBytes > maxBytes) {
    throw new ImportError(
      'too-large',
      `this upload has ${imageEntries.size} images (${(totalBytes / 1e6).toFixed(1)} MB); the limit is ${maxImages} images and ${(maxBytes / 1e6).toFixed(0)} MB. Import fewer images per class (they are shrunk to ${size}x${size} anyway) or resize them first.`,
    );
  }

  const layout = readLayout([...imageEntries.keys()]);
  if (layout.unplaced.length > 0) {
    warnings.push(`${layout.unplaced.length} image(s) are not inside a class folder and were skipped, e.g. ${layout.unplaced[0]}`);
  }
  const trainSplit: SplitName | undefined = layout.explicitSplits ? 'train' : undefined;
  // Classes are defined by the training folders, in sorted order for a stable label index.
  const classNames = [...new Set(layout.images.filter((im) => im.split === trainSplit).map((im) => im.className))].sort();
  if (classNames.length < 2) {
    throw new ImportError(
      'too-few-classes',
      `found ${classNames.length === 0 ? 'no class folders' : `only one class ("${classNames[0]}")`}${layout.explicitSplits ? ' under train/' : ''}; a classifier needs at least 2: put each class's images in its own folder, e.g. cats/1.png and dogs/1.png${alsoHidden}`,
    );
  }
  const unknown = layout.images.filter((im) => !classNames.includes(im.className));
  if (unknown.length > 0) {
    const names = [...new Set(unknown.map((u) => `${u.split}/${u.className}`))];
    throw new ImportError('unknown-class', `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not a class under train/; every val/ and ood/ class must also be in train/ (check the spelling)`);
  }

  const corrupt: { path: string; reason: string }[] = [];
  const decoded: Record<SplitName, Decoded> = { train: { pixels: [], labels: [] }, val: { pixels: [], labels: [] }, ood: { pixels: [], labels: [] } };
  // Sorted paths: the same upload always produces the same order, whatever the file system said.
  const placed = [...layout.images].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const [done, im] of placed.entries()) {
    if (options.signal?.aborted) {
      throw new ImportError('cancelled', `import cancelled after ${done} of ${placed.length} images had been decoded; nothing was kept: pick the folder again to import it`);
    }
    const entry = imageEntries.get(im.path) as ImportEntry;
    try {
      const bytes = await entry.read();
      const refusal = refuseBeforeDecoding(bytes, options.maxPixels ?? DEFAULT_MAX_PIXELS);
      if (refusal !== null) throw new Error(refusal);
      const img = await decode(bytes, im.path);
      if (img.width < 1 || img.height < 1) throw new Error('image has no pixels');
      const d = decoded[im.split ?? 'train'];
      d.pixels.push(toSquareRgb(img, size));
      d.labels.push(classNames.indexOf(im.className));
    } catch (e) {
      corrupt.push({ path: im.path, reason: e instanceof Error ? e.message : String(e) });
    }
  }

  const trainAll = toImageSet(decoded.train, size, classNames);
  const empty = classNames.filter((_, c) => !decoded.train.labels.includes(c));
  if (empty.length > 0) {
    throw new ImportError(
      'empty-class',
      `class${empty.length > 1 ? 'es' : ''} ${empty.map((n) => `"${n}"`).join(', ')} ha${empty.length > 1 ? 've' : 's'} no readable training images${corrupt.length > 0 ? ` (${corrupt.length} file(s) could not be decoded)` : ''}; add images to ${empty.length > 1 ? 'them' : 'it'} or remove the folder`,
    );
  }

  let train: ImageSet;
  let idVal: ImageSet;
  if (decoded.val.labels.length > 0) {
    train = trainAll;
    idVal = toImageSet(decoded.val, size, classNames);
  } else {
    const split = stratifiedHoldout(trainAll, options.valFraction ?? 0.2, options.seed ?? 0);
    train = split.rest;
    idVal = split.held;
    warnings.push(`no val/ folder: held out ${idVal.n} training images (about ${Math.round((options.valFraction ?? 0.2) * 100)}% per class) as ID validation`);
  }
  let ood: ImageSet;
  if (decoded.ood.labels.length > 0) {
    ood = toImageSet(decoded.ood, size, classNames);
  } else {
    ood = idVal;
    warnings.push('no ood/ folder: the OOD set is the ID validation set, so OOD numbers equal ID numbers; add an ood/ folder with the same classes under a different condition to measure a shift');
  }
  if (corrupt.length > 0) warnings.push(`${corrupt.length} file(s) could not be decoded and were skipped: ${corrupt.slice(0, 3).map((c) => c.path).join(', ')}${corrupt.length > 3 ? ', ...' : ''}`);
  if (nonImages.length > 0) warnings.push(`${nonImages.length} non-image file(s) skipped`);
  if (hiddenNote !== null) warnings.push(hiddenNote);

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
