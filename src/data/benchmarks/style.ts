/**
 * Style shift, like DomainNet: the same ten digit classes drawn in several styles; train on
 * one style, test on another. `strength` blends the test style into the training style, so
 * the shift can be made small enough for pretrained features to partly bridge it (the early
 * probes found full style swaps left every method at chance: probe-notes.md, probe 3).
 */
import type { DataRng } from '../data-rng';
import { lerpImages, type RgbImage } from '../render/rgb-image';
import { renderStyle, STYLE_NAMES, type StyleName } from '../render/styles';
import { planDigits } from './digit-plans';
import { stringParam } from './options';
import { type PlannedImage, renderedBenchmark } from './render-set';
import type { BaseLookup, Benchmark, BenchmarkData, BenchmarkOptions } from './types';
import { BENCHMARK_CATALOG } from '../spec/benchmark-catalog';

const FACTS = BENCHMARK_CATALOG.style;
const DIGITS = FACTS.classNames;

function styleParam(o: BenchmarkOptions, name: string): StyleName {
  const s = stringParam(o, name);
  if (!(STYLE_NAMES as readonly string[]).includes(s))
    throw new Error(`style benchmark: unknown style ${s}`);
  return s as StyleName;
}

function build(base: BaseLookup, o: BenchmarkOptions): BenchmarkData {
  const trainStyle = styleParam(o, 'trainStyle');
  const testStyle = styleParam(o, 'testStyle');
  // One style for all: every image is variant (and group) 0.
  const plans = planDigits('style', DIGITS.length, base, o, (_split, _c, n) =>
    new Array<number>(n).fill(0),
  );
  const id = (item: PlannedImage, rng: DataRng): RgbImage =>
    renderStyle(trainStyle, item.grey, rng);
  // The OOD picture is the training-style picture moved `strength` of the way to the test style.
  const ood = (item: PlannedImage, rng: DataRng): RgbImage => {
    const a = renderStyle(trainStyle, item.grey, rng);
    if (o.strength === 0) return a;
    return lerpImages(a, renderStyle(testStyle, item.grey, rng), o.strength);
  };
  const meta = { numClasses: 10, classNames: DIGITS };
  return renderedBenchmark(style, o, plans, { id: id, ood: ood }, meta);
}

export const style: Benchmark = {
  name: FACTS.name,
  title: FACTS.title,
  card: {
    modelledOn: 'DomainNet: train on sketches, test on real photos',
    images: `MNIST digits (benchmark partition), 10 classes, in styles: ${STYLE_NAMES.join(', ')} (see render/styles.ts for what each looks like).`,
    shift: FACTS.shift,
    splits:
      'Per digit: valPerClass idVal, oodPerClass ood and trainPerClass train images, disjoint, from a seeded permutation of the benchmark partition.',
    idMetric: 'accuracy on idVal',
    oodMetric: 'accuracy on ood',
    strength:
      'blend weight of the test style: ood = (1 - strength) x trainStyle picture + strength x testStyle picture. 1 = full style swap (the early probes found this too hard for micro models); default 0.6.',
  },
  classNames: DIGITS,
  params: [
    {
      name: 'trainStyle',
      doc: 'style of train and idVal',
      default: 'sketch',
      choices: STYLE_NAMES,
    },
    {
      name: 'testStyle',
      doc: 'style that ood moves towards',
      default: 'real',
      choices: STYLE_NAMES,
    },
  ],
  defaults: FACTS.defaults,
  // Digits are not mirror-symmetric: no flips.
  augment: { flip: false, cropPadding: 2 },
  needs: () => DIGITS.map((_, classIndex) => ({ dataset: 'mnist' as const, classIndex })),
  build,
};
