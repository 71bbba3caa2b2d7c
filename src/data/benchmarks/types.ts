import type { SplitSets } from '../../core/image-set';
import type { GreyImages } from '../shards/base-images';
import type { DatasetName } from '../shards/manifest';

/** The documented card of a benchmark (rendered into docs/benchmarks/<name>.md). */
export interface BenchmarkCard {
  /** The paper's benchmark this one is modelled on. */
  readonly modelledOn: string;
  /** Base images and classes. */
  readonly images: string;
  /** What differs between ID and OOD. */
  readonly shift: string;
  /** How train / idVal / ood are drawn. */
  readonly splits: string;
  readonly idMetric: string;
  readonly oodMetric: string;
  /** What `strength` (0..1) does; 0 = no shift beyond the sampling. */
  readonly strength: string;
}

/** A benchmark-specific knob (UI control, URL key, CLI flag). */
export interface BenchmarkParam {
  readonly name: string;
  readonly doc: string;
  readonly default: number | string;
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

/** What a user or experiment sets. Missing fields take the benchmark's defaults. */
export interface BenchmarkOptions {
  readonly seed: number;
  /** Shift strength in [0, 1]; its meaning is on each card. */
  readonly strength: number;
  /** Training images per class; Infinity = all that the benchmark partition allows. */
  readonly trainPerClass: number;
  readonly valPerClass: number;
  readonly oodPerClass: number;
  /** Keep only these classes (indices into the benchmark's classNames), relabelled 0..k-1. */
  readonly classes?: readonly number[];
  readonly params: Readonly<Record<string, number | string>>;
}

/** Base images of the benchmark partition, by dataset and class. */
export type BaseLookup = (dataset: DatasetName, classIndex: number) => GreyImages;

export interface ClassNeed {
  readonly dataset: DatasetName;
  readonly classIndex: number;
}

/** Per split, the base-image id (shards/base-id.ts) of every image, [n]. */
export interface SplitProvenance {
  readonly train: Int32Array;
  readonly idVal: Int32Array;
  readonly ood: Int32Array;
}

export type IdMetric = 'accuracy' | 'group-reweighted-accuracy';
export type OodMetric = 'accuracy' | 'worst-group-accuracy';

export interface BenchmarkData {
  readonly name: string;
  readonly options: BenchmarkOptions;
  readonly sets: SplitSets;
  readonly provenance: SplitProvenance;
  readonly idMetric: IdMetric;
  readonly oodMetric: OodMetric;
  /**
   * For group-reweighted ID accuracy: the training distribution's share of each group,
   * [numGroups], summing to 1. Weight per-group accuracies by these.
   */
  readonly trainGroupWeights?: readonly number[];
  /** Which augmentations make sense (e.g. no flips for digits). */
  readonly augment: AugmentAllowance;
}

export interface AugmentAllowance {
  readonly flip: boolean;
  /** Max padding in pixels for random crops. */
  readonly cropPadding: number;
}

export interface Benchmark {
  /** Registry key, kebab-case, stable (URLs and saved configs use it). */
  readonly name: string;
  readonly title: string;
  readonly card: BenchmarkCard;
  readonly classNames: readonly string[];
  readonly params: readonly BenchmarkParam[];
  readonly defaults: Omit<BenchmarkOptions, 'params' | 'classes'>;
  readonly augment: AugmentAllowance;
  /** Which base classes (benchmark partition) the build reads: drives lazy loading. */
  needs(options: BenchmarkOptions): readonly ClassNeed[];
  /** Pure and synchronous: same options and base images, same bytes. */
  build(base: BaseLookup, options: BenchmarkOptions): BenchmarkData;
}
