/**
 * The pretraining pool for the checkpoints issue: the reserved 'pretrain' partition of
 * Fashion-MNIST (10 classes) and of MNIST (10 digit classes, labels 10..19), every image in a
 * random look drawn from a broad set: the six styles, acquisition-like perturbations (colour
 * cast, blur, noise, contrast) and land/water backgrounds. Broader than any benchmark's ID
 * domain on purpose (probe-notes.md), and disjoint from every benchmark image by construction:
 * it reads only the 'pretrain' partition.
 */
import type { ImageSet } from '../core/image-set';
import { childRng, shuffleInPlace, type DataRng } from './data-rng';
import { background, objectOnBackground, BACKGROUND_NAMES } from './render/backgrounds';
import { addNoise, blur, colourMatrix, contrast } from './render/filters';
import { RGB_LENGTH, SIZE, writeBytes, type RgbImage } from './render/rgb-image';
import { renderStyle, STYLE_NAMES, type StyleName } from './render/styles';
import { greyAt, type GreyImages } from './shards/base-images';
import type { DatasetName } from './shards/manifest';
import type { ShardStore } from './shards/shard-store';
import { FASHION_CLASS_NAMES, MNIST_CLASS_NAMES } from './spec/dataset-classes';

export interface PretrainPoolOptions {
  /** Fashion images per class, up to the partition's 4000 (default: all). */
  readonly fashionPerClass?: number;
  /** Digit images per class, up to the partition's 350 (default: all). */
  readonly digitsPerClass?: number;
  /** Styles to draw from (default: all six). */
  readonly styles?: readonly StyleName[];
  /** Probability of an extra acquisition-like perturbation (default 0.5). */
  readonly perturbProbability?: number;
  /** Probability of drawing the object on a land/water background instead of a style (default 0.15). */
  readonly backgroundProbability?: number;
}

export interface PretrainPool {
  /** Labels 0..9 Fashion-MNIST classes, 10..19 digits; groups = look (style or 'background'). */
  readonly set: ImageSet;
  /** Base-image id per image, [n]; all in the 'pretrain' partition. */
  readonly ids: Int32Array;
}

const DIGITS = MNIST_CLASS_NAMES.map((d) => `digit ${d}`);

/** Random mild acquisition change, in place (returns the possibly new image). */
function perturb(img: RgbImage, rng: DataRng): RgbImage {
  const m = [1, 0, 0, 0, 1, 0, 0, 0, 1].map((v) => v + rng.range(-0.15, 0.15));
  colourMatrix(img, m, [rng.range(-20, 20), rng.range(-20, 20), rng.range(-20, 20)]);
  contrast(img, rng.range(0.65, 1.3), rng.range(-20, 20));
  const out = blur(img, rng.int(3));
  return addNoise(out, rng.range(0, 10), rng);
}

/** Pure part: builds the pool from already-loaded classes of the pretrain partition. */
export function buildPretrainPoolFrom(
  base: (dataset: DatasetName, classIndex: number) => GreyImages,
  seed: number,
  options: PretrainPoolOptions = {},
): PretrainPool {
  const styles = options.styles ?? STYLE_NAMES;
  if (styles.length === 0) throw new Error('pretrain pool: pick at least one style');
  const pPerturb = options.perturbProbability ?? 0.5;
  const pBackground = options.backgroundProbability ?? 0.15;
  const items: { grey: Uint8Array; id: number; label: number }[] = [];
  const add = (dataset: DatasetName, labelOffset: number, perClass: number): void => {
    for (let c = 0; c < 10; c++) {
      const pool = base(dataset, c);
      for (let i = 0; i < Math.min(perClass, pool.n); i++)
        items.push({ grey: greyAt(pool, i), id: pool.ids[i] as number, label: labelOffset + c });
    }
  };
  add('fashion', 0, options.fashionPerClass ?? Number.POSITIVE_INFINITY);
  add('mnist', 10, options.digitsPerClass ?? Number.POSITIVE_INFINITY);
  shuffleInPlace(items, childRng(seed, 'pretrain/order'));
  const n = items.length;
  const pixels = new Uint8Array(n * RGB_LENGTH); // [n, 28, 28, 3]
  const labels = new Int32Array(n);
  const groups = new Int32Array(n);
  const ids = new Int32Array(n);
  items.forEach((item, i) => {
    const rng = childRng(seed, `pretrain/image/${item.id}`);
    let img: RgbImage;
    if (rng.next() < pBackground) {
      const bg = BACKGROUND_NAMES[rng.int(2)] ?? 'land';
      img = objectOnBackground(item.grey, background(bg, rng.range(0.2, 1), rng), rng);
      groups[i] = STYLE_NAMES.length;
    } else {
      const style = styles[rng.int(styles.length)] ?? 'grey';
      img = renderStyle(style, item.grey, rng);
      groups[i] = STYLE_NAMES.indexOf(style);
    }
    if (rng.next() < pPerturb) img = perturb(img, rng);
    writeBytes(img, pixels, i * RGB_LENGTH);
    labels[i] = item.label;
    ids[i] = item.id;
  });
  const set: ImageSet = {
    pixels,
    labels,
    groups,
    n,
    height: SIZE,
    width: SIZE,
    channels: 3,
    numClasses: 20,
    numGroups: STYLE_NAMES.length + 1,
    classNames: [...FASHION_CLASS_NAMES, ...DIGITS],
    groupNames: [...STYLE_NAMES, 'background'],
  };
  return { set, ids };
}

/** Loads the pretrain partition (about 22 MB of shards) and builds the pool. */
export async function buildPretrainPool(
  store: ShardStore,
  seed: number,
  options: PretrainPoolOptions = {},
): Promise<PretrainPool> {
  const loaded = new Map<string, GreyImages>();
  const jobs: Promise<void>[] = [];
  for (const dataset of ['fashion', 'mnist'] as const) {
    for (let c = 0; c < 10; c++) {
      jobs.push(
        store
          .classImages(dataset, 'pretrain', c)
          .then((g) => void loaded.set(`${dataset}/${c}`, g)),
      );
    }
  }
  await Promise.all(jobs);
  return buildPretrainPoolFrom((d, c) => loaded.get(`${d}/${c}`) as GreyImages, seed, options);
}
