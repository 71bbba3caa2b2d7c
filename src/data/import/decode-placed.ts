/**
 * importImages' middle: decode every placed image into its split (skipping, with the reason, a
 * file that fails), then assemble the three ImageSets, holding out idVal from train when there is
 * no val/ folder and reusing idVal as OOD when there is no ood/ folder.
 */
import type { ImageSet } from '../../core/image-set';
import { stratifiedHoldout } from '../subset';
import type { ImageDecoder } from './decoder';
import type { ImportEntry } from './entries';
import { ImportError } from './import-error';
import type { PlacedImage, SplitName } from './layout';
import { DEFAULT_MAX_PIXELS, refuseBeforeDecoding } from './pixel-cap';
import { toSquareRgb } from './resize';

/** Decoded images of one split: [n, size, size, 3] and labels. */
export interface Decoded {
  pixels: Uint8Array[];
  labels: number[];
}

export interface DecodeOptions {
  readonly size: number;
  readonly classNames: readonly string[];
  readonly maxPixels?: number;
  readonly signal?: AbortSignal;
}

export interface DecodedSplits {
  decoded: Record<SplitName, Decoded>;
  corrupt: { path: string; reason: string }[];
}

export function toImageSet(d: Decoded, size: number, classNames: readonly string[]): ImageSet {
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

export async function decodePlaced(
  images: readonly PlacedImage[],
  imageEntries: ReadonlyMap<string, ImportEntry>,
  decode: ImageDecoder,
  options: DecodeOptions,
): Promise<DecodedSplits> {
  const { size, classNames } = options;
  const corrupt: { path: string; reason: string }[] = [];
  const decoded: Record<SplitName, Decoded> = {
    train: { pixels: [], labels: [] },
    val: { pixels: [], labels: [] },
    ood: { pixels: [], labels: [] },
  };
  // Sorted paths: the same upload always produces the same order, whatever the file system said.
  const placed = [...images].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const [done, im] of placed.entries()) {
    if (options.signal?.aborted) {
      throw new ImportError(
        'cancelled',
        `import cancelled after ${done} of ${placed.length} images had been decoded; nothing was kept: pick the folder again to import it`,
      );
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
  return { decoded, corrupt };
}

/** The three sets from the decoded splits; what was stood in for (no val/, no ood/) goes to `warnings`. */
export function assembleSets(
  decoded: Record<SplitName, Decoded>,
  size: number,
  classNames: readonly string[],
  holdout: { valFraction?: number; seed?: number },
  warnings: string[],
): { train: ImageSet; idVal: ImageSet; ood: ImageSet } {
  const trainAll = toImageSet(decoded.train, size, classNames);
  let train: ImageSet;
  let idVal: ImageSet;
  if (decoded.val.labels.length > 0) {
    train = trainAll;
    idVal = toImageSet(decoded.val, size, classNames);
  } else {
    const split = stratifiedHoldout(trainAll, holdout.valFraction ?? 0.2, holdout.seed ?? 0);
    train = split.rest;
    idVal = split.held;
    warnings.push(
      `no val/ folder: held out ${idVal.n} training images (about ${Math.round((holdout.valFraction ?? 0.2) * 100)}% per class) as ID validation`,
    );
  }
  let ood: ImageSet;
  if (decoded.ood.labels.length > 0) {
    ood = toImageSet(decoded.ood, size, classNames);
  } else {
    ood = idVal;
    warnings.push(
      'no ood/ folder: the OOD set is the ID validation set, so OOD numbers equal ID numbers; add an ood/ folder with the same classes under a different condition to measure a shift',
    );
  }
  return { train, idVal, ood };
}
