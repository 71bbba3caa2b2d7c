/**
 * Before a comparison's first step on WebGPU, every method's programs are compiled together
 * (core/train/precompile.ts), once, before any method steps: a program left compiling by one
 * method while another stepped would make tfjs refuse to dispatch it. Methods share most
 * programs (same model, same shapes), so the first method pays nearly all of it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ModelInstance } from '../core/models/instance';
import { trainedParams } from '../core/optim/param-groups';
import { EVAL_BATCH_SIZE } from '../core/train/evaluate';
import { canPrecompile, precompileSteps } from '../core/train/precompile';
import type { SplitSets } from '../core/image-set';
import type { RunSpec } from '../protocol/messages';
import type { LoadedModel } from './load-model';

/**
 * Compiles the programs of `methods` (indices into spec.methods); returns the milliseconds it
 * took, 0 where nothing compiles ahead. `onStart` is called only when compiling really begins
 * (WebGPU), so the page is told only then: elsewhere the call is a silent no-op.
 */
export async function precompileRun(
  lm: LoadedModel,
  sets: SplitSets,
  spec: RunSpec,
  methods: readonly number[],
  onStart?: () => void,
): Promise<number> {
  if (!canPrecompile() || methods.length === 0) return 0;
  onStart?.();
  const model = ModelInstance.fromValues(lm.def, lm.weights);
  const [h, w, c] = lm.def.inputShape;
  const bs = Math.min(spec.batchSize, sets.train.n);
  const x = tf.zeros([bs, h, w, c]) as tf.Tensor4D;
  const y = tf.zeros([bs], 'int32') as tf.Tensor1D;
  const evalBatches = [
    ...new Set(
      [sets.idVal.n, sets.ood.n]
        .flatMap((n) => [Math.min(EVAL_BATCH_SIZE, n), n % EVAL_BATCH_SIZE])
        .filter((b) => b > 0),
    ),
  ];
  try {
    const steps = methods.map((i) => {
      const method = spec.methods[i] as RunSpec['methods'][number];
      return {
        params: trainedParams(model, new Set(method.freeze), method.optimizer),
        optimizer: method.optimizer,
      };
    });
    return await precompileSteps(model, steps, x, y, evalBatches);
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}
