/**
 * `npm run bench -- [command] [flags]`: the commands, their flags, and the old flags (before the
 * commands) still understood: each old mode flag names its command (`--lesson` is `lesson`,
 * issue #19's spelling), each old prefixed flag its command's flag (`--lesson-steps` is `--steps`).
 */
import { parseArgs } from 'node:util';
import { FAMILIES, type Family } from '../../spec/model-config';
import type { BackendName } from '../../protocol/messages';
import { FlagError, intFlag, RANGES } from '../flags';

type Option = { type: 'string'; default?: string } | { type: 'boolean' };

const COMMON: Record<string, Option> = {
  batch: { type: 'string', default: '16' },
  reps: { type: 'string', default: '5' },
  models: { type: 'string', default: FAMILIES.join(',') },
};

/** Each command: one line of help and its own flags (the common ones come with every command). */
export const COMMANDS = {
  all: {
    about:
      'kernels, dispatches, step cost, memory, beside PyTorch, and the main thread while the lesson trains in Chromium (the default; --browser adds the browser table, --no-torch drops PyTorch, --no-main-thread the main thread)',
    options: {
      browser: { type: 'boolean' },
      'no-torch': { type: 'boolean' },
      'no-main-thread': { type: 'boolean' },
      backends: { type: 'string' },
      steps: { type: 'string', default: '5' },
    },
  },
  kernels: {
    about:
      'kernels per step (tf.profile) and GPU dispatches on Dawn; --json: one JSON line per count, nothing else',
    options: { json: { type: 'boolean' } },
  },
  torch: {
    about:
      'the engine (tfjs cpu, wasm) beside the PyTorch twin on the CPU, an AdamW step [--generic: also wasm without its model-op kernels] [--no-cpu]',
    options: { generic: { type: 'boolean' }, 'no-cpu': { type: 'boolean' } },
  },
  conv: {
    about:
      "the ResNet's convolutions in GFLOP/s on wasm and in PyTorch (one thread), and XNNPACK's matmul ceiling",
    options: {},
  },
  profile: {
    about: 'a wasm AdamW step per tfjs kernel (tf.profile): time and calls by kernel name',
    options: {},
  },
  browser: {
    about:
      'time to first step, steps/s and the longest main-thread task per backend in Chromium [--backends webgpu,wasm] [--steps N]',
    options: { backends: { type: 'string' }, steps: { type: 'string', default: '5' } },
  },
  'wasm-threads': {
    about: 'threaded against single-threaded wasm in Chromium [--steps N]',
    options: { steps: { type: 'string', default: '5' } },
  },
  lesson: {
    about:
      'the default lesson as a class runs it, 1 worker and the pool, with the longest main-thread task [--backends wasm,cpu,webgl,webgpu] [--steps N] [--preset full-run] [--workers N] [--no-charts]',
    options: {
      backends: { type: 'string', default: 'cpu' },
      steps: { type: 'string' },
      preset: { type: 'string', default: 'classroom' },
      workers: { type: 'string', default: '0' },
      'no-charts': { type: 'boolean' },
    },
  },
  'main-thread': {
    about:
      "the page's main thread while the default lesson trains in the worker pool (wasm, Chromium): the longest task's wall and CPU time [--steps N, the cut: 20] [--workers N, 0: one per core]",
    options: {
      steps: { type: 'string', default: '20' },
      workers: { type: 'string', default: '0' },
    },
  },
  history: {
    about:
      'what the run history costs a save, record v1 against v2 (tools/bench/history-bench.ts) [--long]',
    options: { long: { type: 'boolean' } },
  },
  help: { about: 'this list', options: {} },
} as const satisfies Record<string, { about: string; options: Record<string, Option> }>;

export type Command = keyof typeof COMMANDS;

/** Old mode flags, first match wins (the old main's order), and the command each now is. */
const OLD_MODES: readonly [string, Command][] = [
  ['--browser-only', 'browser'],
  ['--torch-only', 'torch'],
  ['--wasm-threads', 'wasm-threads'],
  ['--lesson', 'lesson'],
  ['--kernels-only', 'kernels'],
  ['--json', 'kernels'],
];
/** Old flag names and their new names. */
const OLD_FLAGS: Readonly<Record<string, string>> = {
  '--browser-backends': '--backends',
  '--browser-steps': '--steps',
  '--lesson-steps': '--steps',
  '--lesson-preset': '--preset',
  '--lesson-workers': '--workers',
};

/** The old spelling as the new one: [command, ...flags]. */
export function fromOldFlags(argv: readonly string[]): string[] {
  if (argv[0] !== undefined && !argv[0].startsWith('-')) return [...argv];
  const mode = OLD_MODES.find(([flag]) => argv.includes(flag));
  const drop = new Set(OLD_MODES.map(([flag]) => flag).filter((f) => f !== '--json'));
  const flags = argv.filter((a) => !drop.has(a)).map((a) => OLD_FLAGS[a] ?? a);
  return [mode?.[1] ?? 'all', ...flags];
}

export interface BenchArgs {
  command: Command;
  batch: number;
  reps: number;
  families: Family[];
  /** Steps per run (browser, wasm-threads), or the lesson's cut (none: the whole lesson). */
  steps?: number;
  backends?: BackendName[];
  json: boolean;
  browser: boolean;
  noTorch: boolean;
  /** all: leave the main-thread measurement out. */
  noMainThread: boolean;
  preset: string;
  workers: number;
  noCharts: boolean;
  long: boolean;
  /** torch: also time wasm with its model-op family off (tfjs's own kernels), interleaved. */
  generic: boolean;
  /** torch: leave the tfjs cpu backend out. */
  noCpu: boolean;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const [name, ...rest] = fromOldFlags(argv);
  if (name === undefined || !(name in COMMANDS))
    throw new FlagError(
      `unknown bench command ${JSON.stringify(name)}: use one of ${Object.keys(COMMANDS).join(', ')}`,
    );
  const command = name as Command;
  const options: Record<string, Option> = { ...COMMON, ...COMMANDS[command].options };
  const v: Record<string, string | boolean | undefined> = parseArgs({
    args: rest,
    options,
    strict: true,
  }).values;
  const str = (k: string): string | undefined => (typeof v[k] === 'string' ? v[k] : undefined);
  const steps = str('steps');
  return {
    command,
    batch: intFlag('batch', str('batch') as string, RANGES.batch),
    reps: intFlag('reps', str('reps') as string, { min: 1, max: 1000 }),
    families: (str('models') as string).split(',') as Family[],
    ...(steps === undefined ? {} : { steps: intFlag('steps', steps, RANGES.steps) }),
    ...(str('backends') === undefined
      ? {}
      : { backends: (str('backends') as string).split(',') as BackendName[] }),
    json: v.json === true,
    browser: v.browser === true,
    noTorch: v['no-torch'] === true,
    noMainThread: v['no-main-thread'] === true,
    preset: str('preset') ?? 'classroom',
    workers: intFlag('workers', str('workers') ?? '0', { min: 0, max: 16 }),
    noCharts: v['no-charts'] === true,
    long: v.long === true,
    generic: v.generic === true,
    noCpu: v['no-cpu'] === true,
  };
}

export function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(13)} ${c.about}`);
  return [
    'npm run bench -- [command] [--batch 16] [--reps 5] [--models vit,convnext,resnet] [flags]',
    '',
    ...rows,
  ].join('\n');
}
