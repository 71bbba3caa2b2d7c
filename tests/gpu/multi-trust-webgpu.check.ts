/**
 * The WebGPU multi-tensor LAMB and LARS (src/core/gpu-kernels/multi-trust-webgpu.ts) against the
 * per-tensor versions (optim/lamb.ts, lars.ts: the generic ops) on Dawn over SwiftShader. Run by
 * tests/unit/core/multi-trust-webgpu.test.ts in a child process. Prints one JSON line: per
 * config, the largest relative difference of the final weights, the dispatches of the last
 * step, the state bytes of both, and whether clones of the variables kept their old weights
 * (`shared`: the writes went to copies); plus numTensors and GPU buffers in use at steps 10
 * and 200 of LAMB.
 */
import { useDawnWebGpu } from './dawn-setup';
import { caseSummary, leakRun, trajectory } from './multi-trajectory';
import { createOptimizer } from '../../src/core/optim/create';
import { Lamb } from '../../src/core/optim/lamb';
import { Lars } from '../../src/core/optim/lars';
import type { Optimizer } from '../../src/core/optim/optimizer';
import type { OptimizerConfig } from '../../src/spec/optimizer-config';

await useDawnWebGpu(process.argv[2] as string);

const CONFIGS: [string, OptimizerConfig][] = [
  ['lamb', { kind: 'lamb', lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0.01 }],
  [
    'lars',
    { kind: 'lars', lr: 0.1, momentum: 0.9, trustCoeff: 1e-3, eps: 1e-8, weightDecay: 1e-4 },
  ],
  [
    'lars, no momentum',
    { kind: 'lars', lr: 0.1, momentum: 0, trustCoeff: 1e-3, eps: 1e-8, weightDecay: 1e-4 },
  ],
];
const perTensor = (c: OptimizerConfig): Optimizer =>
  c.kind === 'lamb' ? new Lamb(c) : new Lars(c as Extract<OptimizerConfig, { kind: 'lars' }>);

const out: Record<string, unknown> = {};
for (const [name, cfg] of CONFIGS) {
  for (const shared of [false, true]) {
    const multi = await trajectory(createOptimizer(cfg), false, shared);
    const ref = await trajectory(perTensor(cfg), false, false);
    const kind = createOptimizer(cfg).constructor.name;
    out[`${name}${shared ? ' (shared)' : ''}`] = caseSummary(multi, ref, 'perTensor', kind);
  }
}
Object.assign(out, await leakRun(createOptimizer(CONFIGS[0]![1]), 'ones', 1));
console.log(JSON.stringify(out));
process.exit(0);
