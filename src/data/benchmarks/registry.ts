/**
 * Every benchmark by name: the one table the UI, the CLI, saved configs and docs read.
 * Adding a benchmark = one file + one line here.
 */
import { acquisition } from './acquisition';
import { region } from './region';
import { spurious } from './spurious';
import { style } from './style';
import { subpopulation } from './subpopulation';
import type { Benchmark } from './types';

export const BENCHMARKS: Readonly<Record<string, Benchmark>> = {
  [subpopulation.name]: subpopulation,
  [spurious.name]: spurious,
  [style.name]: style,
  [acquisition.name]: acquisition,
  [region.name]: region,
};

export const BENCHMARK_NAMES: readonly string[] = Object.keys(BENCHMARKS);

export function getBenchmark(name: string): Benchmark {
  const b = BENCHMARKS[name];
  if (b === undefined) throw new Error(`unknown benchmark "${name}" (known: ${BENCHMARK_NAMES.join(', ')})`);
  return b;
}
