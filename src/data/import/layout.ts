/**
 * Reads the folder layout: `class_name/*.png|jpg|jpeg|webp`, optionally under `train/`, `val/`
 * and `ood/` top folders, possibly all inside one wrapping folder (the folder the user picked,
 * or the one a zip was made from). Decides per path: junk, non-image, or an image of a class
 * in a split.
 */
export type SplitName = 'train' | 'val' | 'ood';
const SPLITS: readonly SplitName[] = ['train', 'val', 'ood'];

export const IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'webp'];

/** OS and tool droppings: macOS resource forks, Finder and Windows metadata, hidden files. */
export function isJunk(path: string): boolean {
  return path
    .split('/')
    .some(
      (seg) =>
        seg.startsWith('.') || seg === '__MACOSX' || seg === 'Thumbs.db' || seg === 'desktop.ini',
    );
}

/**
 * The hidden folder (its name starts with ".") an image lies in: ".cats" for ".cats/1.png",
 * "train/.dogs" for "train/.dogs/2.png"; undefined for any other path. Such images are skipped,
 * but counted and named in the report rather than dropped silently as junk: a class folder named
 * ".cats" is more likely a slip than an OS dropping. A hidden file ("._1.png", a macOS resource
 * fork) and anything under __MACOSX stay junk.
 */
export function hiddenFolder(path: string): string | undefined {
  const segs = path.split('/');
  const file = segs[segs.length - 1] ?? '';
  if (!isImageName(path) || file.startsWith('.') || segs.includes('__MACOSX')) return undefined;
  const at = segs.slice(0, -1).findIndex((seg) => seg.startsWith('.'));
  return at < 0 ? undefined : segs.slice(0, at + 1).join('/');
}

export function isImageName(path: string): boolean {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return path.includes('.') && IMAGE_EXTENSIONS.includes(ext);
}

export interface PlacedImage {
  readonly path: string;
  readonly split: SplitName | undefined;
  readonly className: string;
}

export interface LayoutResult {
  readonly images: PlacedImage[];
  /** Image files lying outside any class folder (skipped). */
  readonly unplaced: string[];
  /** True when the upload uses train/ val/ ood/ top folders. */
  readonly explicitSplits: boolean;
}

const segments = (p: string): string[] => p.split('/').filter((s) => s !== '');

/**
 * `imagePaths` must already exclude junk and non-images. Strips wrapping folders shared by
 * every path, then reads split and class folders. Images nested deeper inside a class folder
 * belong to that class.
 */
export function readLayout(imagePaths: readonly string[]): LayoutResult {
  let parts = imagePaths.map(segments);
  // Strip a common wrapping folder while it is not itself a split folder and every path
  // would keep at least a class folder and a file name.
  for (;;) {
    const first = parts[0]?.[0];
    if (first === undefined || SPLITS.includes(first.toLowerCase() as SplitName)) break;
    if (!parts.every((p) => p.length >= 3 && p[0] === first)) break;
    parts = parts.map((p) => p.slice(1));
  }
  const isSplit = (p: string[]): boolean =>
    p.length >= 3 && SPLITS.includes((p[0] ?? '').toLowerCase() as SplitName);
  const explicitSplits = parts.some(isSplit);
  const images: PlacedImage[] = [];
  const unplaced: string[] = [];
  parts.forEach((p, i) => {
    const path = imagePaths[i] as string;
    if (explicitSplits) {
      if (!isSplit(p)) {
        unplaced.push(path);
        return;
      }
      images.push({
        path,
        split: (p[0] as string).toLowerCase() as SplitName,
        className: p[1] as string,
      });
    } else if (p.length >= 2) {
      images.push({ path, split: undefined, className: p[0] as string });
    } else {
      unplaced.push(path);
    }
  });
  return { images, unplaced, explicitSplits };
}
