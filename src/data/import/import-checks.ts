/**
 * The checks importImages makes before and after decoding: sorting the entries by what they are,
 * and refusing (with what to do) an upload it cannot train on.
 */
import type { ImportEntry } from './entries';
import { ImportError } from './import-error';
import { hiddenFolder, isImageName, isJunk, type LayoutResult, type SplitName } from './layout';

/** Filters entries before reading anything (use as the zip `keep` callback too). */
export function classifyEntry(path: string): 'junk' | 'hidden' | 'non-image' | 'image' {
  if (hiddenFolder(path) !== undefined) return 'hidden';
  if (isJunk(path)) return 'junk';
  return isImageName(path) ? 'image' : 'non-image';
}

export interface SortedEntries {
  skippedJunk: number;
  nonImages: string[];
  hiddenPaths: string[];
  /** The image files, by path. */
  imageEntries: Map<string, ImportEntry>;
}

export function sortEntries(entries: readonly ImportEntry[]): SortedEntries {
  const sorted: SortedEntries = {
    skippedJunk: 0,
    nonImages: [],
    hiddenPaths: [],
    imageEntries: new Map(),
  };
  for (const e of entries) {
    const kind = classifyEntry(e.path);
    if (kind === 'junk') sorted.skippedJunk++;
    else if (kind === 'hidden') sorted.hiddenPaths.push(e.path);
    else if (kind === 'non-image') sorted.nonImages.push(e.path);
    else sorted.imageEntries.set(e.path, e);
  }
  return sorted;
}

/** Refuses an upload with no images, or one over the limits; `alsoHidden` names skipped hidden folders. */
export function refuseUnusable(
  sorted: SortedEntries,
  alsoHidden: string,
  limits: { size: number; maxImages: number; maxBytes: number },
): void {
  const { imageEntries, nonImages } = sorted;
  const { size, maxImages, maxBytes } = limits;
  if (imageEntries.size === 0) {
    throw new ImportError(
      'no-images',
      `found no images (png, jpg, jpeg, webp)${nonImages.length > 0 ? ` among ${nonImages.length} other files` : ''}; lay the folder out as class_name/image.png${alsoHidden}`,
    );
  }
  const totalBytes = [...imageEntries.values()].reduce((s, e) => s + e.size, 0);
  if (imageEntries.size > maxImages || totalBytes > maxBytes) {
    throw new ImportError(
      'too-large',
      `this upload has ${imageEntries.size} images (${(totalBytes / 1e6).toFixed(1)} MB); the limit is ${maxImages} images and ${(maxBytes / 1e6).toFixed(0)} MB. Import fewer images per class (they are shrunk to ${size}x${size} anyway) or resize them first.`,
    );
  }
}

/** The class names (sorted training folders); refuses fewer than 2, or a val/ood class not in train/. */
export function classNamesOf(layout: LayoutResult, alsoHidden: string): string[] {
  const trainSplit: SplitName | undefined = layout.explicitSplits ? 'train' : undefined;
  // Classes are defined by the training folders, in sorted order for a stable label index.
  const classNames = [
    ...new Set(layout.images.filter((im) => im.split === trainSplit).map((im) => im.className)),
  ].sort();
  if (classNames.length < 2) {
    throw new ImportError(
      'too-few-classes',
      `found ${classNames.length === 0 ? 'no class folders' : `only one class ("${classNames[0]}")`}${layout.explicitSplits ? ' under train/' : ''}; a classifier needs at least 2: put each class's images in its own folder, e.g. cats/1.png and dogs/1.png${alsoHidden}`,
    );
  }
  const unknown = layout.images.filter((im) => !classNames.includes(im.className));
  if (unknown.length > 0) {
    const names = [...new Set(unknown.map((u) => `${u.split}/${u.className}`))];
    throw new ImportError(
      'unknown-class',
      `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not a class under train/; every val/ and ood/ class must also be in train/ (check the spelling)`,
    );
  }
  return classNames;
}

/** Refuses when a class has no readable training image (`corrupt`: how many files failed to decode). */
export function refuseEmptyClasses(
  classNames: readonly string[],
  trainLabels: readonly number[],
  corrupt: number,
): void {
  const empty = classNames.filter((_, c) => !trainLabels.includes(c));
  if (empty.length > 0) {
    throw new ImportError(
      'empty-class',
      `class${empty.length > 1 ? 'es' : ''} ${empty.map((n) => `"${n}"`).join(', ')} ha${empty.length > 1 ? 've' : 's'} no readable training images${corrupt > 0 ? ` (${corrupt} file(s) could not be decoded)` : ''}; add images to ${empty.length > 1 ? 'them' : 'it'} or remove the folder`,
    );
  }
}
