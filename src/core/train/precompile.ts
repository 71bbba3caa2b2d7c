/**
 * Shaders compiled before the first step, on WebGPU.
 *
 * Why: tfjs's WebGPU backend compiles a compute pipeline the first time it meets each program
 * (kernel x shapes), one after another, inside the first training step: on SwiftShader that first
 * step took 12-25 s (issue #14), and a real GPU driver also pays per pipeline. With the flag
 * WEBGPU_ENGINE_COMPILE_ONLY the backend records no dispatch and instead starts every pipeline
 * with createComputePipelineAsync, so the driver can compile them in parallel;
 * checkCompileCompletionAsync then waits for all of them.
 *
 * Under that flag kernels allocate outputs but compute nothing, so the pass runs one training
 * step's programs (training forward and backward, the packed loss/norm reductions, the
 * optimizer update) and the evaluation forward on throwaway tensors: the real weights and
 * optimizer state are never touched, and nothing is read back (a readback would return null).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelInstance } from '../models/instance';
import { createOptimizer } from '../optim/create';
import type { TrainedParam } from '../optim/optimizer';
import { lossAndGrads, packLossAndSquares } from './step';
import type { OptimizerConfig } from '../../spec/optimizer-config';

interface CompilingBackend {
  checkCompileCompletionAsync(): Promise<void>;
}

const FLAG = 'WEBGPU_ENGINE_COMPILE_ONLY';

/** Whether the active backend can compile ahead (tfjs-backend-webgpu). */
export function canPrecompile(): boolean {
  const b = tf.backend() as Partial<CompilingBackend>;
  return tf.getBackend() === 'webgpu' && typeof b.checkCompileCompletionAsync === 'function';
}

/** One method's step to compile: its trained parameters and its optimizer. */
export interface StepToCompile {
  params: readonly TrainedParam[];
  optimizer: OptimizerConfig;
}

/**
 * Compiles the programs of one training step of each of `steps` at batch x: [B, H, W, C] /
 * y: [B], and of the evaluation forward at each of `evalBatches` images, all queued in one
 * compile-only pass and awaited once (the driver compiles them in parallel). Returns the
 * milliseconds it took (0 where the backend compiles nothing ahead).
 */
export async function precompileSteps(
  model: ModelInstance,
  steps: readonly StepToCompile[],
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  evalBatches: readonly number[],
): Promise<number> {
  if (!canPrecompile()) return 0;
  const t0 = performance.now();
  const optimizers = steps.map((s) => createOptimizer(s.optimizer));
  // Stand-ins for the trained variables: the updates write to these, never to the model.
  const scratch = steps.map((s) =>
    s.params.map((p) => ({ ...p, variable: tf.variable(p.variable) })),
  );
  tf.env().set(FLAG, true);
  try {
    tf.tidy(() => {
      steps.forEach((s, k) => {
        const lg = lossAndGrads(
          model,
          s.params.map((p) => p.name),
          x,
          y,
          true,
        );
        // The step's one packed readback: loss and squared gradient norms (step.ts).
        packLossAndSquares(lg, [...lg.grads.keys()]);
        optimizers[k]!.apply(scratch[k]!, lg.grads, 1e-3);
        for (const b of lg.bufferUpdates.values()) b.dispose();
      });
      const [, h, w, c] = x.shape;
      for (const n of evalBatches)
        tf.argMax(model.def.forward(model.params, tf.zeros([n, h, w, c]), false).logits, -1);
    });
  } finally {
    tf.env().set(FLAG, false);
    for (const o of optimizers) o.dispose();
    for (const v of scratch.flat()) v.variable.dispose();
  }
  await (tf.backend() as unknown as CompilingBackend).checkCompileCompletionAsync();
  return performance.now() - t0;
}
