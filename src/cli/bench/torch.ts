/**
 * The engine beside PyTorch CPU: one training step (AdamW) of each micro model, the same config
 * and batch, on tfjs's pure-JS CPU backend, on tfjs-backend-wasm, and in PyTorch (the twin's
 * models, tools/torch_twin/bench_step.py, one thread like our single-threaded Node backends),
 * interleaved rep by rep in one run so machine noise hits all three alike. Prints ratios.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Family } from '../../spec/model-config';
import { trainStep } from '../../core/train/step';
import { adamwBenchSetup } from './step-setup';
import { useBackend } from '../node-backend';
import { PYTHON } from '../python';
import { median } from './stats';
import { unregisterWasmModelOps } from '../../core/cpu-kernels/wasm-model-ops';

/** tfjs's cpu backend, wasm as the engine runs it, and wasm without its model-op family (tfjs's own kernels: the "before"). */
type Side = 'cpu' | 'wasm' | 'wasm-generic';

/** A PyTorch process that answers `family batch optimizer` with one step's milliseconds. */
async function torchSteps(): Promise<{
  step: (family: Family, batch: number) => Promise<number>;
  close: () => void;
  threads: string;
}> {
  const child = spawn(PYTHON, ['-m', 'tools.torch_twin.bench_step', '--threads', '1'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const queue: ((line: string) => void)[] = [];
  lines.on('line', (l) => queue.shift()?.(l));
  const next = (): Promise<string> => new Promise((res) => queue.push(res));
  const ready = await next();
  return {
    threads: ready.replace('ready ', ''),
    step: async (family, batch) => {
      const answer = next();
      child.stdin.write(`${family} ${batch} adamw\n`);
      return Number(await answer);
    },
    close: () => child.stdin.end(),
  };
}

/** One model and batch per backend, made while that backend is active (no cross-backend moves). */
async function tsStepper(
  family: Family,
  batch: number,
  side: Side,
): Promise<{ step: () => Promise<number>; dispose: () => void }> {
  // useBackend registers the engine's kernels; the generic side then takes the wasm family off.
  const use = async (): Promise<void> => {
    await useBackend(side === 'cpu' ? 'cpu' : 'wasm');
    if (side === 'wasm-generic') unregisterWasmModelOps();
  };
  await use();
  const { model, opt, params, x, y, dispose } = adamwBenchSetup(family, batch);
  return {
    step: async () => {
      await use();
      const t = performance.now();
      await trainStep(model, opt, params, x, y, 1e-3);
      return performance.now() - t;
    },
    dispose,
  };
}

/** Which tfjs sides run beside PyTorch (wasm always). */
export interface TorchSides {
  cpu: boolean;
  wasmGeneric: boolean;
}

const cell = (ms: number, torch: number): string =>
  `${ms.toFixed(0)} | ${(ms / torch).toFixed(2)}x`;

/** One model: every side's median step ms, interleaved rep by rep in rotating order. */
async function timeFamily(
  family: Family,
  batch: number,
  reps: number,
  sides: Side[],
  torchStep: () => Promise<number>,
): Promise<Record<'torch' | Side, number>> {
  const runs = new Map<'torch' | Side, () => Promise<number>>([['torch', torchStep]]);
  const steppers = [];
  for (const side of sides) {
    const s = await tsStepper(family, batch, side);
    steppers.push(s);
    runs.set(side, s.step);
  }
  const order = [...runs.keys()];
  const times = new Map(order.map((k) => [k, [] as number[]]));
  // Two warm-up steps each (kernel setup, optimizer state, JIT), then reps in rotating order.
  for (const k of order) for (let i = 0; i < 2; i++) await runs.get(k)?.();
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < order.length; i++) {
      const k = order[(r + i) % order.length] as 'torch' | Side;
      times.get(k)?.push(await (runs.get(k) as () => Promise<number>)());
    }
    process.stderr.write(`  engine vs PyTorch: ${family} rep ${r + 1}/${reps}\n`);
  }
  for (const s of steppers) s.dispose();
  return Object.fromEntries(order.map((k) => [k, median(times.get(k) ?? [])])) as Record<
    'torch' | Side,
    number
  >;
}

export async function benchTorch(
  families: readonly Family[],
  batch: number,
  reps: number,
  opts: TorchSides = { cpu: true, wasmGeneric: false },
): Promise<void> {
  const sides: Side[] = [
    ...(opts.cpu ? (['cpu'] as const) : []),
    'wasm',
    ...(opts.wasmGeneric ? (['wasm-generic'] as const) : []),
  ];
  const torch = await torchSteps();
  const rows: string[] = [];
  try {
    for (const family of families) {
      const m = await timeFamily(family, batch, reps, sides, () => torch.step(family, batch));
      rows.push(
        `| ${family} | ${batch} | ${m.torch.toFixed(0)} | ${sides.map((s) => cell(m[s], m.torch)).join(' | ')} |`,
      );
    }
  } finally {
    torch.close();
    await useBackend('cpu');
  }
  const names: Record<Side, string> = {
    cpu: 'tfjs cpu',
    wasm: 'tfjs wasm',
    'wasm-generic': 'tfjs wasm, generic ops',
  };
  console.log(
    `\n## The engine beside PyTorch CPU (AdamW step, median of ${reps} interleaved reps; PyTorch ${torch.threads}, tfjs single-threaded)\n`,
  );
  console.log(
    `| model | batch | PyTorch ms | ${sides.map((s) => `${names[s]} ms | ${names[s]} / PyTorch`).join(' | ')} |`,
  );
  console.log(`|---|---|---|${sides.map(() => '---|---|').join('')}`);
  for (const r of rows) console.log(r);
}
