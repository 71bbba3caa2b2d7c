/**
 * Whether the recorded full experiment belongs beside this run: only when the run trains on the
 * benchmark it was recorded on. With the user's own images (or another benchmark) the recorded
 * row and chart would describe data the page is not using.
 */
import type { Reference } from './reference-data';

export function referenceApplies(
  ref: Pick<Reference, 'benchmark'>,
  benchmark: string,
  ownImagesActive: boolean,
): boolean {
  return !ownImagesActive && ref.benchmark === benchmark;
}
