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

type Side = 'cpu' | 'wasm';

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
  await useBackend(side);
  const { model, opt, params, x, y, dispose } = adamwBenchSetup(family, batch);
  return {
    step: async () => {
      await useBackend(side);
      const t = performance.now();
      await trainStep(model, opt, params, x, y, 1e-3);
      return performance.now() - t;
    },
    dispose,
  };
}

export async function benchTorch(
  families: readonly Family[],
  batch: number,
  reps: number,
): Promise<void> {
  const torch = await torchSteps();
  const rows: string[] = [];
  try {
    for (const family of families) {
      const cpu = await tsStepper(family, batch, 'cpu');
      const wasm = await tsStepper(family, batch, 'wasm');
      const runs: Record<'torch' | Side, () => Promise<number>> = {
        torch: () => torch.step(family, batch),
        cpu: cpu.step,
        wasm: wasm.step,
      };
      const times: Record<'torch' | Side, number[]> = { torch: [], cpu: [], wasm: [] };
      // Two warm-up steps each (kernel setup, optimizer state, JIT), then reps in rotating order.
      for (const k of ['torch', 'cpu', 'wasm'] as const)
        for (let i = 0; i < 2; i++) await runs[k]();
      const order = ['torch', 'cpu', 'wasm'] as const;
      for (let r = 0; r < reps; r++) {
        for (let i = 0; i < order.length; i++) {
          const k = order[(r + i) % order.length] as 'torch' | Side;
          times[k].push(await runs[k]());
        }
        process.stderr.write(`  engine vs PyTorch: ${family} rep ${r + 1}/${reps}\n`);
      }
      cpu.dispose();
      wasm.dispose();
      const [t, c, w] = [median(times.torch), median(times.cpu), median(times.wasm)];
      rows.push(
        `| ${family} | ${batch} | ${t.toFixed(0)} | ${c.toFixed(0)} | ${(c / t).toFixed(1)}x | ${w.toFixed(0)} | ${(w / t).toFixed(1)}x | ${(c / w).toFixed(1)}x |`,
      );
    }
  } finally {
    torch.close();
    await useBackend('cpu');
  }
  console.log(
    `\n## The engine beside PyTorch CPU (AdamW step, median of ${reps} interleaved reps; PyTorch ${torch.threads}, tfjs single-threaded)\n`,
  );
  console.log(
    '| model | batch | PyTorch ms | tfjs cpu ms | cpu / PyTorch | tfjs wasm ms | wasm / PyTorch | cpu / wasm |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}
