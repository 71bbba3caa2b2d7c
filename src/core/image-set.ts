/**
 * The one data shape the engine consumes. src/data produces it (benchmarks, user folders);
 * src/core only reads it. Kept here, in core, because core imports nothing of the others.
 */
export interface ImageSet {
  /** Pixels, row-major [n, height, width, channels] (NHWC), 0..255. RGB: channels = 3. */
  readonly pixels: Uint8Array;
  /** Class index per image, [n], in 0..numClasses-1. */
  readonly labels: Int32Array;
  /**
   * Optional group index per image, [n] (e.g. label x background for a spurious-correlation
   * benchmark); drives per-group and worst-group accuracy.
   */
  readonly groups?: Int32Array;
  readonly n: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly numClasses: number;
  /** Number of distinct groups when `groups` is set. */
  readonly numGroups?: number;
  /** Human-readable names, [numClasses] and [numGroups]. */
  readonly classNames?: readonly string[];
  readonly groupNames?: readonly string[];
}

/** A fine-tuning task: what the engine trains on and what it evaluates on. */
export interface SplitSets {
  readonly train: ImageSet;
  /** In-distribution validation (model selection, ID accuracy). */
  readonly idVal: ImageSet;
  /** Out-of-distribution test (the shift the playground is about). */
  readonly ood: ImageSet;
}
