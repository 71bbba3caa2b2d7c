/**
 * A run's shaders compiled ahead, with the page told (run-controller.ts): WebGPU compiles every
 * method's kernels before the first step, which takes seconds with nothing else to show.
 */
import type { SplitSets } from '../core/image-set';
import type { RunSpec } from '../protocol/messages';
import type { LoadedModel } from './load-model';
import type { precompileRun } from './precompile-run';
import type { RunHost } from './run-host';

/** How the controller compiles shaders ahead (precompileRun; tests pass a stand-in). */
export type Precompile = typeof precompileRun;

/**
 * WebGPU: every method's shaders compiled in parallel before the first step (a no-op
 * elsewhere). It takes seconds (12-25 s on a software adapter, issue #14) with nothing else
 * to show, so the page is told when it starts and when it ends; 'done' goes out even when
 * the compile throws, so the page never keeps a stale "preparing" line.
 */
export async function prepareKernels(
  precompile: Precompile,
  lm: LoadedModel,
  sets: SplitSets,
  spec: RunSpec,
  todo: readonly number[],
  host: RunHost,
): Promise<void> {
  let began: number | null = null;
  try {
    await precompile(lm, sets, spec, todo, () => {
      began = performance.now();
      if (host.live())
        host.batcher.send({ type: 'preparing-kernels', phase: 'start', methods: todo.length });
    });
  } finally {
    if (began !== null && host.live())
      host.batcher.send({
        type: 'preparing-kernels',
        phase: 'done',
        ms: performance.now() - began,
      });
  }
}
