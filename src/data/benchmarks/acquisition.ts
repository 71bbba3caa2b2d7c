/**
 * Acquisition shift, like Camelyon17: the same digits "scanned" at different sites, each with
 * its own stain colour, focus, noise and contrast (render/sites.ts). Train on some sites,
 * test on one never seen in training.
 */
import { childRng, shuffleInPlace, type DataRng } from '../data-rng';
import { renderAtSite, SITES } from '../render/sites';
import { planDigits } from './digit-plans';
import { stringParam } from './options';
import { type PlannedImage, renderedBenchmark } from './render-set';
import type { BaseLookup, Benchmark, BenchmarkData, BenchmarkOptions } from './types';
import { BENCHMARK_CATALOG } from '../spec/benchmark-catalog';

const FACTS = BENCHMARK_CATALOG.acquisition;
const DIGITS = FACTS.classNames;
const SITE_NAMES = SITES.map((s) => s.name);

function siteIndex(name: string): number {
  const i = SITE_NAMES.indexOf(name.trim());
  if (i < 0)
    throw new Error(
      `acquisition benchmark: unknown site "${name}" (sites: ${SITE_NAMES.join(', ')})`,
    );
  return i;
}

function sitesOf(o: BenchmarkOptions): { train: number[]; ood: number } {
  const train = stringParam(o, 'trainSites').split(',').map(siteIndex);
  const ood = siteIndex(stringParam(o, 'oodSite'));
  if (train.length === 0) throw new Error('acquisition benchmark: trainSites is empty');
  if (train.includes(ood))
    throw new Error(`acquisition benchmark: oodSite ${SITE_NAMES[ood]} is also a training site`);
  return { train, ood };
}

function build(base: BaseLookup, o: BenchmarkOptions): BenchmarkData {
  const sites = sitesOf(o);
  const plans = planDigits('acquisition', DIGITS.length, base, o, (split, c, n) => {
    // ID images are spread evenly (round-robin, then shuffled) over the training sites.
    const assigned = Array.from({ length: n }, (_, k) =>
      split === 'ood' ? sites.ood : (sites.train[k % sites.train.length] as number),
    );
    return shuffleInPlace(assigned, childRng(o.seed, `acquisition/sites/${split}/${c}`));
  });
  const render = (item: PlannedImage, rng: DataRng) => {
    const site = SITES[item.variant];
    if (site === undefined) throw new Error(`acquisition benchmark: no site ${item.variant}`);
    return renderAtSite(item.grey, site, o.strength, rng);
  };
  const meta = {
    numClasses: 10,
    classNames: DIGITS,
    groupNames: SITE_NAMES.map((n) => `site ${n}`),
  };
  return renderedBenchmark(acquisition, o, plans, { id: render, ood: render }, meta);
}

export const acquisition: Benchmark = {
  name: FACTS.name,
  title: FACTS.title,
  card: {
    modelledOn: 'WILDS-Camelyon17: tissue patches from different hospitals (staining, scanners)',
    images: `MNIST digits (benchmark partition), 10 classes, drawn as purple stain on pink textured tissue, then passed through a site: ${SITES.map((s) => `${s.name} (${s.description})`).join('; ')}.`,
    shift: FACTS.shift,
    splits:
      'Per digit: valPerClass idVal and trainPerClass train images spread evenly over the training sites; oodPerClass ood images at oodSite. Disjoint images.',
    idMetric: 'accuracy on idVal (same sites as train)',
    oodMetric: 'accuracy on ood (the unseen site)',
    strength:
      'how far each site departs from the reference look: colour cast, blur passes, noise and contrast all scale linearly (blur rounded to whole passes); 0 = all sites identical; default 0.7.',
  },
  classNames: DIGITS,
  params: [
    {
      name: 'trainSites',
      doc: `comma-separated training sites out of ${SITE_NAMES.join(', ')}`,
      default: 'A,B,C',
    },
    { name: 'oodSite', doc: 'the unseen test site', default: 'E', choices: SITE_NAMES },
  ],
  defaults: FACTS.defaults,
  augment: { flip: false, cropPadding: 2 },
  needs: () => DIGITS.map((_, classIndex) => ({ dataset: 'mnist' as const, classIndex })),
  build,
};
