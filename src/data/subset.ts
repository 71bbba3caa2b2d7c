/**
 * Subsets a user picks: some of the classes, and N training images per class (few-shot to
 * all). Both stay stratified and seeded, and work on any ImageSet (benchmarks, own images).
 */
import type { ImageSet, SplitSets } from '../core/image-set';
import { childRng, permutation } from './data-rng';

/** Copies the images at `indices` (in that order) into a new ImageSet; keeps groups. */
export function takeImages(
  set: ImageSet,
  indices: ArrayLike<number>,
  relabel?: (label: number) => number,
): ImageSet {
  const size = set.height * set.width * set.channels;
  const n = indices.length;
  const pixels = new Uint8Array(n * size); // [n, h, w, c]
  const labels = new Int32Array(n);
  const groups = set.groups !== undefined ? new Int32Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const j = indices[i] as number;
    pixels.set(set.pixels.subarray(j * size, (j + 1) * size), i * size);
    const label = set.labels[j] as number;
    labels[i] = relabel === undefined ? label : relabel(label);
    if (groups !== undefined && set.groups !== undefined) groups[i] = set.groups[j] as number;
  }
  return { ...set, pixels, labels, n, ...(groups !== undefined ? { groups } : {}) };
}

/**
 * Keeps only `classes` (indices into set.classNames) and relabels them 0..k-1 in the order
 * given. Groups are kept as they are (their names still apply).
 */
export function selectClasses(
  set: ImageSet,
  classes: readonly number[],
): { set: ImageSet; kept: Int32Array } {
  const map = new Map(classes.map((c, i) => [c, i]));
  const kept: number[] = [];
  for (let i = 0; i < set.n; i++) if (map.has(set.labels[i] as number)) kept.push(i);
  const out = takeImages(set, kept, (label) => map.get(label) as number);
  const names = set.classNames;
  return {
    set: {
      ...out,
      numClasses: classes.length,
      ...(names !== undefined ? { classNames: classes.map((c) => names[c] ?? String(c)) } : {}),
    },
    kept: Int32Array.from(kept),
  };
}

export function selectClassesInSplits(
  sets: SplitSets,
  classes: readonly number[],
): { sets: SplitSets; kept: { train: Int32Array; idVal: Int32Array; ood: Int32Array } } {
  const train = selectClasses(sets.train, classes);
  const idVal = selectClasses(sets.idVal, classes);
  const ood = selectClasses(sets.ood, classes);
  return {
    sets: { train: train.set, idVal: idVal.set, ood: ood.set },
    kept: { train: train.kept, idVal: idVal.kept, ood: ood.kept },
  };
}

/**
 * Indices of at most `perClass` images of each class, picked by a seeded permutation and
 * returned in the set's original order. Smaller perClass gives a subset of larger (same seed).
 */
export function stratifiedIndices(
  labels: Int32Array,
  numClasses: number,
  perClass: number,
  seed: number,
): Int32Array {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i] as number]?.push(i);
  const chosen: number[] = [];
  byClass.forEach((members, c) => {
    const p = permutation(members.length, childRng(seed, `stratified/${c}`));
    const k = Math.min(perClass, members.length);
    for (let i = 0; i < k; i++) chosen.push(members[p[i] as number] as number);
  });
  return Int32Array.from(chosen.sort((a, b) => a - b));
}

/** Keeps at most `perClass` images per class (stratified, seeded). */
export function stratifiedSubset(set: ImageSet, perClass: number, seed: number): ImageSet {
  if (perClass === Number.POSITIVE_INFINITY) return set;
  return takeImages(set, stratifiedIndices(set.labels, set.numClasses, perClass, seed));
}

/**
 * Splits one labelled set into two stratified parts: `fraction` of each class (at least one
 * image when the class has 2 or more) goes to the second part. For folders without val/.
 */
export function stratifiedHoldout(
  set: ImageSet,
  fraction: number,
  seed: number,
): { rest: ImageSet; held: ImageSet } {
  const byClass: number[][] = Array.from({ length: set.numClasses }, () => []);
  for (let i = 0; i < set.n; i++) byClass[set.labels[i] as number]?.push(i);
  const rest: number[] = [];
  const held: number[] = [];
  byClass.forEach((members, c) => {
    const p = permutation(members.length, childRng(seed, `holdout/${c}`));
    const k = members.length < 2 ? 0 : Math.max(1, Math.round(members.length * fraction));
    for (let i = 0; i < members.length; i++)
      (i < k ? held : rest).push(members[p[i] as number] as number);
  });
  rest.sort((a, b) => a - b);
  held.sort((a, b) => a - b);
  return { rest: takeImages(set, rest), held: takeImages(set, held) };
}
