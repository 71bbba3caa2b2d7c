/**
 * Subpopulation shift, like BREEDS Living-17: superclasses made of Fashion-MNIST classes; ID
 * images come from some subclasses, OOD images from subclasses never seen in training.
 * Every image is drawn in one narrow 'real' style (blue-violet ink on pale paper), so the
 * shift is only which kinds of object make up a superclass.
 */
import { apportion, splitPool } from './sampling';
import { childRng, type DataRng } from '../data-rng';
import { greyAt } from '../shards/base-images';
import { renderStyle } from '../render/styles';
import type { Benchmark, BenchmarkData, BenchmarkOptions, BaseLookup } from './types';
import { renderSet, splitsOf, type PlannedImage } from './render-set';
import { BENCHMARK_CATALOG } from '../spec/benchmark-catalog';

interface Superclass {
  readonly name: string;
  /** Fashion-MNIST class indices seen in training (ID). */
  readonly id: readonly number[];
  /** Fashion-MNIST class indices only in the OOD test. */
  readonly ood: readonly number[];
}

const FACTS = BENCHMARK_CATALOG.subpopulation;

/**
 * The split the early probe used (probe-notes.md, probe 4): ID left of '|', OOD right; the
 * superclasses in the order of their names in the catalogue (tops, footwear, other).
 */
const MEMBERS: readonly Omit<Superclass, 'name'>[] = [
  { id: [0, 2], ood: [4, 6] }, // tops {T-shirt, pullover | coat, shirt}
  { id: [5, 7], ood: [9] }, // footwear {sandal, sneaker | ankle boot}
  { id: [1, 3], ood: [8] }, // other {trouser, dress | bag}
];
const SUPERCLASSES: readonly Superclass[] = FACTS.classNames.map((name, i) => ({
  name,
  ...(MEMBERS[i] as Omit<Superclass, 'name'>),
}));

/** Ink hues around blue-violet only: the ID domain is narrower than the pretraining pool's. */
const INK_HUE: readonly [number, number] = [0.6, 0.75];

/** The images a build plans per split, in draw order. */
interface Plans {
  train: PlannedImage[];
  idVal: PlannedImage[];
  ood: PlannedImage[];
}

/** A superclass's seen subclasses: train, idVal and the seen part of ood (group 0). */
function planSeen(
  base: BaseLookup,
  o: BenchmarkOptions,
  sc: Superclass,
  label: number,
  nUnseen: number,
  plans: Plans,
): void {
  const seenShare = apportion(
    o.oodPerClass - nUnseen,
    sc.id.map(() => 1),
  );
  const valShare = apportion(
    o.valPerClass,
    sc.id.map(() => 1),
  );
  const trainShare =
    o.trainPerClass === Number.POSITIVE_INFINITY
      ? sc.id.map(() => Number.POSITIVE_INFINITY)
      : apportion(
          o.trainPerClass,
          sc.id.map(() => 1),
        );
  sc.id.forEach((cls, j) => {
    const pool = base('fashion', cls);
    const s = splitPool(
      pool.n,
      { idVal: valShare[j] ?? 0, ood: seenShare[j] ?? 0, train: trainShare[j] ?? 0 },
      childRng(o.seed, `subpop/id/${cls}`),
      `subpopulation class ${cls}`,
    );
    const plan = (idx: number[], into: PlannedImage[]): void => {
      for (const i of idx)
        into.push({
          id: pool.ids[i] as number,
          grey: greyAt(pool, i),
          label,
          group: 0,
          variant: 0,
        });
    };
    plan(s.train, plans.train);
    plan(s.idVal, plans.idVal);
    plan(s.ood, plans.ood);
  });
}

/** A superclass's unseen subclasses: `nUnseen` ood images (group 1). */
function planUnseen(
  base: BaseLookup,
  o: BenchmarkOptions,
  sc: Superclass,
  label: number,
  nUnseen: number,
  oodPlan: PlannedImage[],
): void {
  const unseenShare = apportion(
    nUnseen,
    sc.ood.map(() => 1),
  );
  sc.ood.forEach((cls, j) => {
    const pool = base('fashion', cls);
    const s = splitPool(
      pool.n,
      { idVal: 0, ood: unseenShare[j] ?? 0, train: 0 },
      childRng(o.seed, `subpop/ood/${cls}`),
      `subpopulation class ${cls}`,
    );
    for (const i of s.ood)
      oodPlan.push({
        id: pool.ids[i] as number,
        grey: greyAt(pool, i),
        label,
        group: 1,
        variant: 0,
      });
  });
}

function build(base: BaseLookup, o: BenchmarkOptions): BenchmarkData {
  const plans: Plans = { train: [], idVal: [], ood: [] };
  // OOD draws `strength` of its images from unseen subclasses, the rest from held-out images
  // of the seen ones (strength 1 = the BREEDS protocol).
  SUPERCLASSES.forEach((sc, label) => {
    const nUnseen = Math.round(o.oodPerClass * o.strength);
    planSeen(base, o, sc, label, nUnseen, plans);
    planUnseen(base, o, sc, label, nUnseen, plans.ood);
  });
  const meta = { numClasses: SUPERCLASSES.length, classNames: SUPERCLASSES.map((s) => s.name) };
  const render = (item: PlannedImage, rng: DataRng) =>
    renderStyle('real', item.grey, rng, { hue: INK_HUE });
  const train = renderSet(o.seed, 'train', plans.train, render, meta);
  const idVal = renderSet(o.seed, 'idVal', plans.idVal, render, meta);
  // OOD carries groups so the UI can split 'seen subclass' and 'unseen subclass' accuracy.
  const ood = renderSet(o.seed, 'ood', plans.ood, render, {
    ...meta,
    groupNames: ['seen subclasses', 'unseen subclasses'],
  });
  return {
    name: subpopulation.name,
    options: o,
    ...splitsOf(train, idVal, ood),
    idMetric: 'accuracy',
    oodMetric: 'accuracy',
    augment: subpopulation.augment,
  };
}

export const subpopulation: Benchmark = {
  name: FACTS.name,
  title: FACTS.title,
  card: {
    modelledOn: 'BREEDS Living-17: same superclasses, unseen subclasses',
    images:
      'Fashion-MNIST (benchmark partition), 3 superclasses: tops {T-shirt, pullover | coat, shirt}, footwear {sandal, sneaker | ankle boot}, other {trouser, dress | bag}; subclasses left of | are ID, right of | are OOD. All drawn as blue-violet ink on pale, slightly blotchy paper.',
    shift: FACTS.shift,
    splits:
      'Per superclass: trainPerClass and valPerClass images split evenly over its ID subclasses; oodPerClass images, round(strength x oodPerClass) split evenly over its OOD subclasses and the rest over held-out images of its ID subclasses. Splits are disjoint images.',
    idMetric: 'accuracy on idVal',
    oodMetric: 'accuracy on ood (groups: 0 = seen subclasses, 1 = unseen subclasses)',
    strength:
      'share of OOD images from unseen subclasses; 1 = BREEDS protocol (default), 0 = OOD is just more ID data',
  },
  classNames: FACTS.classNames,
  params: [],
  defaults: FACTS.defaults,
  augment: { flip: true, cropPadding: 2 },
  needs: () =>
    SUPERCLASSES.flatMap((s) => [...s.id, ...s.ood]).map((classIndex) => ({
      dataset: 'fashion' as const,
      classIndex,
    })),
  build,
};
