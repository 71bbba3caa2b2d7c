/**
 * What the page shows of each benchmark before anything is loaded: its title, the sentence
 * saying what shifts, the class names and the default set sizes. Plain data: the benchmarks
 * (src/data/benchmarks) take these fields from here and add how their images are drawn, so the
 * page reads the same facts without carrying the renderers. Adding a benchmark = one entry
 * here + its file + one line in benchmarks/benchmark-registry.ts.
 */

import { FASHION_CLASS_NAMES, MNIST_CLASS_NAMES } from './dataset-classes';

/** Default options of a benchmark (benchmarks/types.ts BenchmarkOptions, without params). */
export interface BenchmarkDefaults {
  readonly seed: number;
  /** Shift strength in [0, 1]; its meaning is on each card. */
  readonly strength: number;
  readonly trainPerClass: number;
  readonly valPerClass: number;
  readonly oodPerClass: number;
}

export interface BenchmarkSummary {
  /** Registry key, kebab-case, stable (URLs and saved configs use it). */
  readonly name: string;
  readonly title: string;
  /** What differs between ID and OOD (the card's `shift`). */
  readonly shift: string;
  readonly classNames: readonly string[];
  readonly defaults: BenchmarkDefaults;
}

export const BENCHMARK_CATALOG = {
  subpopulation: {
    name: 'subpopulation',
    title: 'Subpopulation shift (like BREEDS Living-17)',
    shift:
      'Which subclasses make up each superclass. Style, colour and size are the same in ID and OOD.',
    classNames: ['tops', 'footwear', 'other'],
    defaults: { seed: 0, strength: 1, trainPerClass: 1000, valPerClass: 300, oodPerClass: 300 },
  },
  spurious: {
    name: 'spurious',
    title: 'Spurious correlation (like Waterbirds)',
    shift:
      'The background-label correlation: `correlation` (default 0.95) in train and idVal, 0.5 (balanced groups) in ood.',
    // The default `objects=coarse` task's labels.
    classNames: ['garment', 'footwear'],
    defaults: { seed: 0, strength: 0.4, trainPerClass: 1500, valPerClass: 400, oodPerClass: 400 },
  },
  style: {
    name: 'style',
    title: 'Style shift (like DomainNet)',
    shift:
      'Rendering style: train and idVal in trainStyle (default sketch), ood in a blend towards testStyle (default real).',
    classNames: MNIST_CLASS_NAMES,
    defaults: { seed: 0, strength: 0.6, trainPerClass: 300, valPerClass: 100, oodPerClass: 100 },
  },
  acquisition: {
    name: 'acquisition',
    title: 'Acquisition shift (like Camelyon17)',
    shift:
      'Acquisition site: training sites (default A, B, C) vs an unseen site (default E). Groups = site.',
    classNames: MNIST_CLASS_NAMES,
    defaults: { seed: 0, strength: 0.7, trainPerClass: 300, valPerClass: 100, oodPerClass: 100 },
  },
  region: {
    name: 'region',
    title: 'Region/time shift (like FMoW)',
    shift:
      'Both class priors and appearance. Training region: green-grey ground, clear light. Test region: sandy ground, haze (lower contrast, brighter) and a warmer sensor. Priors: ID proportional to 1 + strength x tilt, OOD to 1 - strength x tilt, tilt = [0.7, -0.5, 0.3, -0.7, 0.5, -0.3, 0.1, -0.1, 0.6, -0.6].',
    classNames: FASHION_CLASS_NAMES,
    defaults: { seed: 0, strength: 0.7, trainPerClass: 500, valPerClass: 100, oodPerClass: 150 },
  },
} as const satisfies Record<string, BenchmarkSummary>;

export type BenchmarkName = keyof typeof BENCHMARK_CATALOG;

export const BENCHMARK_NAMES: readonly string[] = Object.keys(BENCHMARK_CATALOG);

export function benchmarkSummary(name: string): BenchmarkSummary {
  const b = (BENCHMARK_CATALOG as Record<string, BenchmarkSummary>)[name];
  if (b === undefined)
    throw new Error(`unknown benchmark "${name}" (known: ${BENCHMARK_NAMES.join(', ')})`);
  return b;
}
