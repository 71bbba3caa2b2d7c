import type { ImageSet } from '../../core/image-set';
import type { Benchmark, BenchmarkData, BenchmarkOptions } from './types';
import { childRng, shuffleInPlace, type DataRng } from '../data-rng';
import { RGB_LENGTH, SIZE, writeBytes, type RgbImage } from '../render/rgb-image';

/** One image a benchmark has decided to include, before rendering. */
export interface PlannedImage {
  /** Base image id (shards/base-id.ts). */
  readonly id: number;
  /** Grey base pixels, [28, 28]. */
  readonly grey: Uint8Array;
  readonly label: number;
  /** Group index (e.g. label x background), or -1 when the benchmark has no groups. */
  readonly group: number;
  /** Benchmark-specific rendering variant (a site, a background, a style index...). */
  readonly variant: number;
}

export interface SetMeta {
  readonly numClasses: number;
  readonly classNames: readonly string[];
  readonly groupNames?: readonly string[];
}

export type RenderFn = (item: PlannedImage, rng: DataRng) => RgbImage;

/**
 * Renders planned images into an ImageSet in a seeded shuffled order. Each image gets its own
 * rng derived from (seed, split, base id), so an image looks the same whatever else is in the
 * set: the 5-shot training set is literally a subset of the 50-shot one.
 */
export function renderSet(
  seed: number,
  split: string,
  plan: readonly PlannedImage[],
  render: RenderFn,
  meta: SetMeta,
): { set: ImageSet; ids: Int32Array } {
  const order = shuffleInPlace(plan.slice(), childRng(seed, `${split}/order`));
  const n = order.length;
  const pixels = new Uint8Array(n * RGB_LENGTH); // [n, 28, 28, 3]
  const labels = new Int32Array(n);
  const ids = new Int32Array(n);
  const withGroups = meta.groupNames !== undefined;
  const groups = withGroups ? new Int32Array(n) : undefined;
  order.forEach((item, i) => {
    writeBytes(render(item, childRng(seed, `${split}/image/${item.id}`)), pixels, i * RGB_LENGTH);
    labels[i] = item.label;
    ids[i] = item.id;
    if (groups !== undefined) groups[i] = item.group;
  });
  const set: ImageSet = {
    pixels,
    labels,
    n,
    height: SIZE,
    width: SIZE,
    channels: 3,
    numClasses: meta.numClasses,
    classNames: meta.classNames,
    ...(groups !== undefined && meta.groupNames !== undefined
      ? { groups, numGroups: meta.groupNames.length, groupNames: meta.groupNames }
      : {}),
  };
  return { set, ids };
}

type Rendered = ReturnType<typeof renderSet>;

/** The three rendered splits as a benchmark's `sets` and `provenance`. */
export function splitsOf(
  train: Rendered,
  idVal: Rendered,
  ood: Rendered,
): Pick<BenchmarkData, 'sets' | 'provenance'> {
  return {
    sets: { train: train.set, idVal: idVal.set, ood: ood.set },
    provenance: { train: train.ids, idVal: idVal.ids, ood: ood.ids },
  };
}

/** A split's planned images, per split. */
export interface SplitPlans {
  readonly train: readonly PlannedImage[];
  readonly idVal: readonly PlannedImage[];
  readonly ood: readonly PlannedImage[];
}

/**
 * A benchmark scored by accuracy on both sides, rendered from its plans in the order train,
 * idVal, ood (the in-distribution splits with `render.id`, the OOD one with `render.ood`): the
 * one tail of the acquisition, region and style builders.
 */
export function renderedBenchmark(
  b: Pick<Benchmark, 'name' | 'augment'>,
  options: BenchmarkOptions,
  plans: SplitPlans,
  render: { id: RenderFn; ood: RenderFn },
  meta: SetMeta,
): BenchmarkData {
  const tr = renderSet(options.seed, 'train', plans.train, render.id, meta);
  const va = renderSet(options.seed, 'idVal', plans.idVal, render.id, meta);
  const te = renderSet(options.seed, 'ood', plans.ood, render.ood, meta);
  return {
    name: b.name,
    options,
    ...splitsOf(tr, va, te),
    idMetric: 'accuracy',
    oodMetric: 'accuracy',
    augment: b.augment,
  };
}
