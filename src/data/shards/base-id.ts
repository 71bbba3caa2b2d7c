import { DATASET_NAMES, PARTITION_NAMES, type DatasetName, type PartitionName } from './manifest';

/**
 * A stable integer naming one shipped base image: (dataset, partition, class, position in that
 * class's list). Benchmarks carry these ids per split, so tests and the UI can prove that no
 * image is in two splits, or in a pretraining pool and an evaluation split.
 * Layout: ((dataset * 4 + partition) * 16 + class) * 2^13 + position; fits an Int32.
 */
const POSITIONS = 1 << 13;

export function baseImageId(
  dataset: DatasetName,
  partition: PartitionName,
  classIndex: number,
  position: number,
): number {
  if (position < 0 || position >= POSITIONS || classIndex < 0 || classIndex >= 16) {
    throw new Error(`baseImageId: out of range (class ${classIndex}, position ${position})`);
  }
  const d = DATASET_NAMES.indexOf(dataset);
  const p = PARTITION_NAMES.indexOf(partition);
  return ((d * 4 + p) * 16 + classIndex) * POSITIONS + position;
}

export interface BaseImageRef {
  readonly dataset: DatasetName;
  readonly partition: PartitionName;
  readonly classIndex: number;
  readonly position: number;
}

export function parseBaseImageId(id: number): BaseImageRef {
  const position = id % POSITIONS;
  const rest = Math.floor(id / POSITIONS);
  const classIndex = rest % 16;
  const dp = Math.floor(rest / 16);
  const dataset = DATASET_NAMES[Math.floor(dp / 4)];
  const partition = PARTITION_NAMES[dp % 4];
  if (dataset === undefined || partition === undefined)
    throw new Error(`parseBaseImageId: bad id ${id}`);
  return { dataset, partition, classIndex, position };
}
