import type { ImageDecoder } from './decoder';
import { entriesFromZip } from './entries';
import { ImportError } from './import-error';
import {
  classifyEntry,
  DEFAULT_MAX_IMAGES,
  DEFAULT_MAX_TOTAL_BYTES,
  importImages,
  type ImportOptions,
  type ImportResult,
} from './import-images';

/**
 * A .zip upload: members are classified from their names and declared sizes before any is
 * inflated; junk and non-images are counted but never decompressed, and an archive past the
 * size cap is refused before it costs memory.
 */
export async function importZip(
  zip: Uint8Array,
  decode: ImageDecoder,
  options: ImportOptions = {},
): Promise<ImportResult> {
  let junk = 0;
  const nonImages: string[] = [];
  let images = 0;
  let bytes = 0;
  const maxImages = options.maxImages ?? DEFAULT_MAX_IMAGES;
  const maxBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const entries = entriesFromZip(zip, (path, size) => {
    const kind = classifyEntry(path);
    if (kind === 'junk') junk++;
    if (kind === 'non-image') nonImages.push(path);
    // Images in hidden folders are kept for importImages to count and name in the report.
    if (kind !== 'image' && kind !== 'hidden') return false;
    images++;
    bytes += size;
    if (images > maxImages || bytes > maxBytes) {
      throw new ImportError(
        'too-large',
        `this .zip holds more than ${maxImages} images or ${(maxBytes / 1e6).toFixed(0)} MB of them; import fewer images per class or resize them first`,
      );
    }
    return true;
  });
  const result = await importImages(entries, decode, options);
  const warnings =
    nonImages.length > 0
      ? [...result.report.warnings, `${nonImages.length} non-image file(s) skipped`]
      : result.report.warnings;
  return {
    sets: result.sets,
    report: {
      ...result.report,
      skippedJunk: junk,
      skippedNonImages: nonImages.length,
      skippedNonImageExamples: nonImages.slice(0, 5),
      warnings,
    },
  };
}
