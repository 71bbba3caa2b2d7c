/**
 * The user's own images (decoded here by picked-images.ts, kept by the page, sent with each
 * load) as the BenchmarkData the session trains on: plain accuracy for ID and OOD, crops but no flips (a folder of letters or
 * digits must not be mirrored; we cannot know).
 */
import type { SplitSets } from '../core/image-set';
import type { BenchmarkData } from '../data/benchmarks/types';
import { BadDataError } from './faults';

export const OWN_DATA_NAME = 'own-images';

export function ownData(sets: SplitSets, seed: number): BenchmarkData {
  for (const [name, s] of Object.entries(sets)) {
    if (
      s.n < 1 ||
      s.pixels.length !== s.n * s.height * s.width * s.channels ||
      s.labels.length !== s.n
    )
      throw new BadDataError(`your images: the ${name} set is empty or malformed`);
  }
  const index = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);
  return {
    name: OWN_DATA_NAME,
    options: {
      seed,
      strength: 0,
      trainPerClass: sets.train.n,
      valPerClass: sets.idVal.n,
      oodPerClass: sets.ood.n,
      params: {},
    },
    sets,
    provenance: { train: index(sets.train.n), idVal: index(sets.idVal.n), ood: index(sets.ood.n) },
    idMetric: 'accuracy',
    oodMetric: 'accuracy',
    augment: { flip: false, cropPadding: 2 },
  };
}
