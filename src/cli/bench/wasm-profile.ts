/**
 * Where a wasm training step spends its time, per tfjs kernel: tf.profile around AdamW steps
 * (batch 16), each kernel's time summed by name over `reps` steps, with the step's wall time,
 * so that wall minus kernels is the engine's own per-kernel bookkeeping (tape, tidy, dispose).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Family } from '../../spec/model-config';
import { trainStep } from '../../core/train/step';
import { adamwBenchSetup } from './step-setup';
import { useBackend } from '../node-backend';

interface KernelRow {
  name: string;
  calls: number;
  ms: number;
}

/**
 * Whether a profiled entry is a kernel: not 'forward' (a tf.customGrad's wrapper) nor an op's
 * scope such as 'fusedMatMul__op', whose times hold the kernels inside, counted on their own.
 */
const isKernel = (k: { name: string }): boolean => k.name !== 'forward' && !k.name.endsWith('__op');

/** Kernel time by name (per step), the kernel count and the wall time of one profiled step. */
export async function profileWasmStep(
  family: Family,
  batch: number,
  reps: number,
): Promise<{ rows: KernelRow[]; kernels: number; kernelMs: number; wallMs: number }> {
  await useBackend('wasm');
  const s = adamwBenchSetup(family, batch);
  const step = () => trainStep(s.model, s.opt, s.params, s.x, s.y, 1e-3);
  await step();
  await step();
  const by = new Map<string, KernelRow>();
  let wallMs = 0;
  let kernels = 0;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    const info = await tf.profile(async () => {
      await step();
    });
    wallMs += performance.now() - t;
    kernels += info.kernels.filter(isKernel).length;
    for (const k of info.kernels.filter(isKernel)) {
      const row = by.get(k.name) ?? { name: k.name, calls: 0, ms: 0 };
      row.calls += 1;
      row.ms += k.kernelTimeMs as number;
      by.set(k.name, row);
    }
  }
  s.dispose();
  const rows = [...by.values()]
    .map((r) => ({ name: r.name, calls: r.calls / reps, ms: r.ms / reps }))
    .sort((a, b) => b.ms - a.ms);
  const kernelMs = rows.reduce((a, r) => a + r.ms, 0);
  return { rows, kernels: kernels / reps, kernelMs, wallMs: wallMs / reps };
}

/** Prints the profile of each family as a markdown table (the top `top` kernels by time). */
export async function benchWasmProfile(
  families: readonly Family[],
  batch: number,
  reps: number,
  top = 15,
): Promise<void> {
  for (const family of families) {
    const p = await profileWasmStep(family, batch, reps);
    console.log(
      `\n## ${family} on wasm, AdamW step, batch ${batch}: ${p.wallMs.toFixed(1)} ms wall (profiled), ${p.kernelMs.toFixed(1)} ms in ${p.kernels} kernels\n`,
    );
    console.log('| kernel | calls | ms | share of kernel time |');
    console.log('|---|---|---|---|');
    for (const r of p.rows.slice(0, top))
      console.log(
        `| ${r.name} | ${r.calls} | ${r.ms.toFixed(2)} | ${((100 * r.ms) / p.kernelMs).toFixed(0)}% |`,
      );
  }
  await useBackend('cpu');
}
