/**
 * Region/time shift, like WILDS-FMoW: the class mix and the look of the ground both drift
 * between the training region/period and the test one. Training sees a green-grey temperate
 * region in clear light; the test region is sandy, hazier and shot by a warmer sensor, and
 * its common classes are the training region's rare ones.
 */
import { childRng, type DataRng } from '../data-rng';
import { hsv, inkOnPaper } from '../render/colour';
import { colourMatrix, contrast } from '../render/filters';
import { lerpRgb, type Rgb, type RgbImage } from '../render/rgb-image';
import { texturedField, valueNoise } from '../render/texture';
import { greyAt } from '../shards/base-images';
import { type PlannedImage, renderedBenchmark } from './render-set';
import { apportion, splitPool } from './sampling';
import type { BaseLookup, Benchmark, BenchmarkData, BenchmarkOptions } from './types';
import { BENCHMARK_CATALOG } from '../spec/benchmark-catalog';

const FACTS = BENCHMARK_CATALOG.region;
const CLASSES = FACTS.classNames;

/**
 * Prior tilt per class, [10]: ID prior is proportional to 1 + strength * tilt, OOD prior to
 * 1 - strength * tilt. Sums to 0, so at strength 0 both priors are uniform.
 */
const TILT = [0.7, -0.5, 0.3, -0.7, 0.5, -0.3, 0.1, -0.1, 0.6, -0.6];

export function regionPriors(strength: number): { id: number[]; ood: number[] } {
  const id = TILT.map((t) => 1 + strength * t);
  const ood = TILT.map((t) => 1 - strength * t);
  const norm = (w: number[]): number[] => w.map((x) => x / w.reduce((a, b) => a + b, 0));
  return { id: norm(id), ood: norm(ood) };
}

const GROUND_ID: Rgb = [140, 160, 130];
const GROUND_OOD: Rgb = [210, 180, 135];
/** Warmer sensor at full strength (row-major [3, 3]). */
const WARM = [1.08, 0.04, 0, 0.02, 1, 0, 0, 0.02, 0.8];
const I = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** t = 0: training region; t = strength: test region. */
function renderRegion(grey: Uint8Array, t: number, rng: DataRng): RgbImage {
  const g = lerpRgb(GROUND_ID, GROUND_OOD, t);
  const ground = texturedField(g, [g[0] * 0.75, g[1] * 0.75, g[2] * 0.75], valueNoise(rng, 6), 0.5);
  const ink = hsv(rng.next(), rng.range(0.1, 0.4), rng.range(0.15, 0.35));
  const img = inkOnPaper(grey, ink, ground);
  // Light varies a little within a region (time of day); haze lowers contrast in the test region.
  contrast(img, 1 - 0.3 * t, rng.range(-10, 10) + 20 * t);
  return colourMatrix(
    img,
    WARM.map((v, i) => (I[i] as number) + (v - (I[i] as number)) * t),
  );
}

function build(base: BaseLookup, o: BenchmarkOptions): BenchmarkData {
  const priors = regionPriors(o.strength);
  const val = apportion(o.valPerClass * CLASSES.length, priors.id);
  const ood = apportion(o.oodPerClass * CLASSES.length, priors.ood);
  const pools = CLASSES.map((_, c) => base('fashion', c));
  let train: number[];
  if (o.trainPerClass === Number.POSITIVE_INFINITY) {
    // As many as the ID prior allows with what is left of each class.
    const total = Math.min(
      ...pools.map((p, c) => (p.n - (val[c] ?? 0) - (ood[c] ?? 0)) / (priors.id[c] ?? 1)),
    );
    train = apportion(Math.floor(total) - CLASSES.length, priors.id);
  } else {
    train = apportion(o.trainPerClass * CLASSES.length, priors.id);
  }
  const plans = {
    train: [] as PlannedImage[],
    idVal: [] as PlannedImage[],
    ood: [] as PlannedImage[],
  };
  pools.forEach((pool, c) => {
    const s = splitPool(
      pool.n,
      { idVal: val[c] ?? 0, ood: ood[c] ?? 0, train: train[c] ?? 0 },
      childRng(o.seed, `region/${c}`),
      `region class ${c}`,
    );
    for (const split of ['train', 'idVal', 'ood'] as const) {
      const region = split === 'ood' ? 1 : 0;
      for (const i of s[split])
        plans[split].push({
          id: pool.ids[i] as number,
          grey: greyAt(pool, i),
          label: c,
          group: region,
          variant: region,
        });
    }
  });
  const render = (item: PlannedImage, rng: DataRng) =>
    renderRegion(item.grey, item.variant * o.strength, rng);
  const meta = { numClasses: CLASSES.length, classNames: CLASSES };
  return renderedBenchmark(region, o, plans, { id: render, ood: render }, meta);
}

export const region: Benchmark = {
  name: FACTS.name,
  title: FACTS.title,
  card: {
    modelledOn:
      'WILDS-FMoW: satellite images; train on earlier years and other regions, test on a later period and region',
    images:
      'Fashion-MNIST (benchmark partition), 10 classes, drawn as dark objects on textured ground.',
    shift: FACTS.shift,
    splits:
      'train: trainPerClass x 10 images, idVal: valPerClass x 10, both apportioned by the ID prior; ood: oodPerClass x 10 apportioned by the OOD prior. trainPerClass is therefore a mean, not an exact count. Disjoint images.',
    idMetric: 'accuracy on idVal',
    oodMetric: 'accuracy on ood',
    strength:
      'scales the prior tilt and moves ground colour, haze and sensor tint from the training region (0) towards the test region (1); default 0.7.',
  },
  classNames: CLASSES,
  params: [],
  defaults: FACTS.defaults,
  augment: { flip: true, cropPadding: 2 },
  needs: () => CLASSES.map((_, classIndex) => ({ dataset: 'fashion' as const, classIndex })),
  build,
};
