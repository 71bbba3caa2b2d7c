/**
 * The class names of the two source datasets, in class-index order, as `npm run data` ships
 * them (tools/data/dataset-info.ts) and the benchmarks and the pretraining pool label them.
 */

/** MNIST: the ten digits. */
export const MNIST_CLASS_NAMES: readonly string[] = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
];

/** Fashion-MNIST's ten classes. */
export const FASHION_CLASS_NAMES: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];
