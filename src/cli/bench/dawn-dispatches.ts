/**
 * Where a training step's WebGPU dispatches go, by tfjs kernel and by phase, on dawn.node.
 *
 * One steady AdamW step (batch 16 by default) of each micro model, as core/train/step.ts runs it
 * (forward, backward, the packed loss / squared-norm reductions, the update), with
 * `GPUComputePassEncoder.dispatchWorkgroups` counted and attributed to the outermost tfjs kernel
 * running at the time (engine.runKernel wrapped) and to the phase (forward, backward, norms,
 * optimizer). Prints a table per model and one JSON line per model.
 *
 *   LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json \
 *     npx tsx src/cli/bench/dawn-dispatches.ts [--dawn .cache/gpu-kit/dawn.node] [--batch 16] [--models vit,convnext]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { adamwBenchSetup } from './step-setup';
import type { Family } from '../../spec/model-config';
import { lossAndGrads, packLossAndSquares, trainStep } from '../../core/train/step';
import { startWebGpuOnDawn } from './dawn';

const { values: args } = parseArgs({
  options: {
    batch: { type: 'string', default: '16' },
    models: { type: 'string', default: 'vit,convnext,resnet' },
    dawn: { type: 'string', default: '.cache/gpu-kit/dawn.node' },
    top: { type: 'string', default: '25' },
  },
});

let phase = 'other';
const stack: string[] = [];
let total = 0;
const byKey = new Map<string, number>();
await startWebGpuOnDawn(args.dawn as string, () => {
  total++;
  const key = `${phase}\t${stack[0] ?? '(none)'}`;
  byKey.set(key, (byKey.get(key) ?? 0) + 1);
});

// Attribute each dispatch to the outermost kernel the engine is running.
const engine = tf.engine() as unknown as {
  runKernel: (name: string, ...rest: unknown[]) => unknown;
};
const runKernel = engine.runKernel.bind(engine);
engine.runKernel = (name: string, ...rest: unknown[]) => {
  stack.push(name);
  try {
    return runKernel(name, ...rest);
  } finally {
    stack.pop();
  }
};

async function count(family: Family, batch: number): Promise<Record<string, unknown>> {
  const { model, opt, params, x, y, dispose } = adamwBenchSetup(family, batch);
  // Two warm steps (shaders compiled, optimizer state made), then one counted by phase.
  for (let i = 0; i < 2; i++) await trainStep(model, opt, params, x, y, 1e-3, { step: i });
  // The whole step as trainStep runs it, counted for the total and tf.profile's kernels.
  const t0 = total;
  const profile = await tf.profile(() =>
    trainStep(model, opt, params, x, y, 1e-3, { step: 2 }).then(() => undefined),
  );
  const stepDispatches = total - t0;
  byKey.clear();
  // The engine opens a scope named 'forward' for the loss function and 'backward' for backprop.
  const eng = tf.engine() as unknown as { startScope: (name?: string) => void };
  const startScope = eng.startScope.bind(eng);
  eng.startScope = (name?: string) => {
    if (name === 'forward' || name === 'backward') phase = name;
    startScope(name);
  };
  const t1 = total;
  const lg = lossAndGrads(
    model,
    params.map((p) => p.name),
    x,
    y,
    true,
  );
  eng.startScope = startScope;
  phase = 'norms';
  const packed = tf.tidy(() => packLossAndSquares(lg, [...lg.grads.keys()]));
  await packed.data();
  packed.dispose();
  phase = 'optimizer';
  tf.tidy(() => opt.apply(params, lg.grads, 1e-3));
  phase = 'other';
  const phased = total - t1;
  lg.loss.dispose();
  tf.dispose([...lg.grads.values(), ...lg.bufferUpdates.values()]);
  dispose();
  return {
    family,
    batch,
    stepDispatches,
    phasedDispatches: phased,
    kernelsPerStep: profile.kernels.length,
    byKey: Object.fromEntries(byKey),
  };
}

for (const f of (args.models as string).split(',') as Family[]) {
  const r = await count(f, Number(args.batch));
  const rows = Object.entries(r.byKey as Record<string, number>).sort((a, b) => b[1] - a[1]);
  const byPhase = new Map<string, number>();
  const byKernel = new Map<string, number>();
  for (const [k, n] of rows) {
    const [p, kernel] = k.split('\t') as [string, string];
    byPhase.set(p, (byPhase.get(p) ?? 0) + n);
    byKernel.set(kernel, (byKernel.get(kernel) ?? 0) + n);
  }
  console.log(
    `\n## ${f}: ${r.stepDispatches as number} dispatches per step (trainStep), ${r.phasedDispatches as number} counted by phase, ${r.kernelsPerStep as number} tfjs kernels`,
  );
  console.log(`phases: ${[...byPhase].map(([p, n]) => `${p} ${n}`).join(', ')}`);
  console.log(
    `kernels: ${[...byKernel]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  console.log('| phase | kernel | dispatches |\n|---|---|---|');
  for (const [k, n] of rows.slice(0, Number(args.top)))
    console.log(`| ${k.replace('\t', ' | ')} | ${n} |`);
  console.log(JSON.stringify(r));
}
process.exit(0);
