/**
 * `npm run experiment` flags, parsed and checked (numbers through cli/flags.ts: whole numbers
 * in the page's ranges), apart from the entry point so a test can feed it argv.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { FlagError, intFlag, intListFlag, RANGES } from '../flags';

export interface ExperimentArgs {
  models?: string[];
  benchmarks?: string[];
  methods?: string[];
  seeds?: number[];
  epochs?: number;
  out: string;
  preset: boolean;
  design?: string;
  backend: 'cpu' | 'wasm';
  gradRatios: boolean;
  maxBatches?: number;
  report: boolean;
}

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function parseExperimentArgs(argv: string[]): ExperimentArgs {
  const { values: a } = parseArgs({
    args: argv,
    options: {
      models: { type: 'string' },
      benchmarks: { type: 'string' },
      methods: { type: 'string' },
      seeds: { type: 'string' },
      epochs: { type: 'string' },
      out: {
        type: 'string',
        default: fileURLToPath(new URL('../../../.cache/experiments/', import.meta.url)),
      },
      preset: { type: 'boolean', default: false },
      design: { type: 'string' },
      backend: { type: 'string', default: 'cpu' },
      'grad-ratios': { type: 'boolean', default: false },
      'max-batches': { type: 'string' },
      report: { type: 'boolean', default: false },
    },
  });
  if (a.backend !== 'cpu' && a.backend !== 'wasm')
    throw new FlagError(`--backend must be cpu or wasm, not "${a.backend}"`);
  const seeds = a.seeds !== undefined ? intListFlag('seeds', a.seeds, RANGES.seed) : undefined;
  if (seeds?.length === 0)
    throw new FlagError('--seeds is empty: give at least one seed, e.g. --seeds 0,1');
  return {
    ...(a.models ? { models: list(a.models) } : {}),
    ...(a.benchmarks ? { benchmarks: list(a.benchmarks) } : {}),
    ...(a.methods ? { methods: list(a.methods) } : {}),
    ...(seeds ? { seeds } : {}),
    ...(a.epochs !== undefined ? { epochs: intFlag('epochs', a.epochs, RANGES.epochs) } : {}),
    out: a.out as string,
    preset: a.preset as boolean,
    ...(a.design !== undefined ? { design: a.design } : {}),
    backend: a.backend,
    gradRatios: a['grad-ratios'] as boolean,
    ...(a['max-batches'] !== undefined
      ? { maxBatches: intFlag('max-batches', a['max-batches'], RANGES.steps) }
      : {}),
    report: a.report as boolean,
  };
}
