/**
 * Every benchmark by name: the one table the CLI, the worker, saved configs and docs read (the
 * page reads the tfjs-free summaries in spec/benchmark-catalog.ts, which name the same set).
 * Adding a benchmark = one file + one line here + its catalogue entry.
 */
import { BENCHMARK_NAMES, type BenchmarkName } from '../spec/benchmark-catalog';
import { acquisition } from './acquisition';
import { region } from './region';
import { spurious } from './spurious';
import { style } from './style';
import { subpopulation } from './subpopulation';
import type { Benchmark } from './types';

export const BENCHMARKS: Readonly<Record<BenchmarkName, Benchmark>> = {
  subpopulation,
  spurious,
  style,
  acquisition,
  region,
};

export function getBenchmark(name: string): Benchmark {
  const b = (BENCHMARKS as Readonly<Record<string, Benchmark>>)[name];
  if (b === undefined)
    throw new Error(`unknown benchmark "${name}" (known: ${BENCHMARK_NAMES.join(', ')})`);
  return b;
}
