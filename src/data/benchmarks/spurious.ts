/**
 * Spurious correlation, like Waterbirds: an object label (Fashion-MNIST garments) and a
 * background type (land / water) that agree `correlation` of the time in training and
 * validation, and are balanced in the OOD test. A model that leans on the background fails
 * on the minority groups: report worst-group accuracy (OOD) and group-reweighted ID accuracy.
 */
import { childRng, shuffleInPlace, type DataRng } from '../data-rng';
import { background, objectOnBackground, BACKGROUND_NAMES } from '../render/backgrounds';
import { greyAt } from '../shards/base-images';
import { numberParam, stringParam } from './options';
import { renderSet, splitsOf, type PlannedImage } from './render-set';
import { apportion, splitPool } from './sampling';
import type { BaseLookup, Benchmark, BenchmarkData, BenchmarkOptions } from './types';
import { BENCHMARK_CATALOG } from '../spec/benchmark-catalog';

const FACTS = BENCHMARK_CATALOG.spurious;

interface ObjectTask {
  readonly classNames: readonly [string, string];
  /** Fashion-MNIST classes of label 0 and label 1. */
  readonly members: readonly [readonly number[], readonly number[]];
}

const TASKS: Readonly<Record<string, ObjectTask>> = {
  // Shape is a strong signal: upper-body garments against footwear.
  coarse: {
    classNames: FACTS.classNames,
    members: [
      [0, 2, 4, 6],
      [5, 7, 9],
    ],
  },
  // Closer shapes (short vs long sleeves), a weaker object signal, like fine-grained birds.
  fine: {
    classNames: ['short-sleeved', 'long-sleeved'],
    members: [
      [0, 6],
      [2, 4],
    ],
  },
};

function task(o: BenchmarkOptions): ObjectTask {
  const t = TASKS[stringParam(o, 'objects')];
  if (t === undefined) throw new Error('unknown objects task');
  return t;
}

/** Group of an image: label * 2 + background (label 0 is 'usually on land'). */
const groupOf = (label: number, bg: number): number => label * 2 + bg;

function groupNames(t: ObjectTask): string[] {
  return [0, 1].flatMap((label) => BACKGROUND_NAMES.map((bg) => `${t.classNames[label]} on ${bg}`));
}

/** Training share of each group, [4]: label 0 sits on land and label 1 on water `c` of the time. */
function trainWeights(c: number): number[] {
  return [c / 2, (1 - c) / 2, (1 - c) / 2, c / 2];
}

type Plans = Record<'train' | 'idVal' | 'ood', PlannedImage[]>;

/** One label's images from its member classes, split evenly over them (backgrounds not yet set). */
function pickLabel(
  base: BaseLookup,
  o: BenchmarkOptions,
  members: readonly number[],
  label: number,
): Plans {
  const even = (n: number): number[] =>
    apportion(
      n,
      members.map(() => 1),
    );
  const train =
    o.trainPerClass === Number.POSITIVE_INFINITY
      ? members.map(() => Number.POSITIVE_INFINITY)
      : even(o.trainPerClass);
  const val = even(o.valPerClass);
  const ood = even(o.oodPerClass);
  const picked: Plans = { train: [], idVal: [], ood: [] };
  members.forEach((cls, j) => {
    const pool = base('fashion', cls);
    const s = splitPool(
      pool.n,
      { idVal: val[j] ?? 0, ood: ood[j] ?? 0, train: train[j] ?? 0 },
      childRng(o.seed, `spurious/${cls}`),
      `spurious class ${cls}`,
    );
    for (const split of ['train', 'idVal', 'ood'] as const) {
      for (const i of s[split])
        picked[split].push({
          id: pool.ids[i] as number,
          grey: greyAt(pool, i),
          label,
          group: 0,
          variant: 0,
        });
    }
  });
  return picked;
}

/** Sets a label's backgrounds and adds its images to `plans` (split by split, in order). */
function placeBackgrounds(
  seed: number,
  corr: number,
  label: number,
  picked: Plans,
  plans: Plans,
): void {
  // Backgrounds: exact counts, then shuffled onto images, so proportions are as on the card.
  const majority = label; // 0 = land, 1 = water
  for (const split of ['train', 'idVal', 'ood'] as const) {
    const items = picked[split];
    const nMajor = split === 'ood' ? Math.round(items.length / 2) : Math.round(items.length * corr);
    const bgs = items.map((_, i) => (i < nMajor ? majority : 1 - majority));
    shuffleInPlace(bgs, childRng(seed, `spurious/backgrounds/${split}/${label}`));
    items.forEach((item, i) => {
      const bg = bgs[i] as number;
      plans[split].push({ ...item, variant: bg, group: groupOf(label, bg) });
    });
  }
}

function build(base: BaseLookup, o: BenchmarkOptions): BenchmarkData {
  const t = task(o);
  const corr = numberParam(o, 'correlation');
  const plans: Plans = { train: [], idVal: [], ood: [] };
  t.members.forEach((members, label) => {
    const picked = pickLabel(base, o, members, label);
    placeBackgrounds(o.seed, corr, label, picked, plans);
  });
  const strength = o.strength;
  const render = (item: PlannedImage, rng: DataRng) =>
    objectOnBackground(
      item.grey,
      background(BACKGROUND_NAMES[item.variant] ?? 'land', strength, rng),
      rng,
    );
  const meta = { numClasses: 2, classNames: t.classNames, groupNames: groupNames(t) };
  const train = renderSet(o.seed, 'train', plans.train, render, meta);
  const idVal = renderSet(o.seed, 'idVal', plans.idVal, render, meta);
  const ood = renderSet(o.seed, 'ood', plans.ood, render, meta);
  return {
    name: spurious.name,
    options: o,
    ...splitsOf(train, idVal, ood),
    idMetric: 'group-reweighted-accuracy',
    oodMetric: 'worst-group-accuracy',
    trainGroupWeights: trainWeights(corr),
    augment: spurious.augment,
  };
}

export const spurious: Benchmark = {
  name: FACTS.name,
  title: FACTS.title,
  card: {
    modelledOn: 'Waterbirds: bird type vs land/water background',
    images:
      'Fashion-MNIST (benchmark partition) drawn as a dark object on a land (blotchy yellow-green) or water (rippled blue) background. objects=coarse: garment {T-shirt, pullover, coat, shirt} vs footwear {sandal, sneaker, ankle boot}; objects=fine: short-sleeved {T-shirt, shirt} vs long-sleeved {pullover, coat}.',
    shift: FACTS.shift,
    splits:
      "Per label: trainPerClass / valPerClass / oodPerClass images split evenly over its member classes; exactly round(n x correlation) of a label's train and idVal images sit on its majority background (garment/short-sleeved: land, footwear/long-sleeved: water), ood has half on each. Groups: label x background (4).",
    idMetric:
      'group-reweighted accuracy: per-group idVal accuracy weighted by trainGroupWeights (= plain idVal accuracy in expectation, as idVal follows the training proportions)',
    oodMetric: 'worst-group accuracy on ood',
    strength:
      'how visible the background is: colour saturation and texture contrast grow from 0 (both backgrounds the same plain grey: no shortcut) to 1 (saturated, strongly textured). Default 0.4 keeps the shortcut weaker than the object.',
  },
  classNames: FACTS.classNames,
  params: [
    {
      name: 'correlation',
      doc: "share of train/idVal images on their label's majority background",
      default: 0.95,
      min: 0.5,
      max: 1,
    },
    {
      name: 'objects',
      doc: 'which garments make the two labels (coarse = easy shapes, fine = similar shapes)',
      default: 'coarse',
      choices: ['coarse', 'fine'],
    },
  ],
  defaults: FACTS.defaults,
  augment: { flip: true, cropPadding: 2 },
  needs: (o) => {
    const t = task(o);
    return [...t.members[0], ...t.members[1]].map((classIndex) => ({
      dataset: 'fashion' as const,
      classIndex,
    }));
  },
  build,
};
