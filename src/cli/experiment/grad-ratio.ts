/**
 * The paper's gradient statistic on the TS engine: per-layer gradient norms at the pretrained
 * weights (fresh head, learning rate 0: nothing is updated), training-mode forward, averaged
 * over one epoch of the benchmark's training set in batches of 32 with its augmentation, and
 * the first ("embedding") layer's average over the largest middle-layer average.
 * tools/pretrain/grad_ratios.py computes the same in PyTorch.
 */
import type { ModelInstance } from '../../core/models/instance';
import { embedToMaxMiddleRatio } from '../../core/metrics/grad-norms';
import { Rng } from '../../core/rng';
import { DEFAULT_NORMALIZE, makeBatch } from '../../core/train/batch';
import { measureGradNorms } from '../../core/train/step';
import { benchmarkAugmenter } from '../../data/augmenter';
import type { BenchmarkData } from '../../data/benchmarks/types';

export interface GradRatio {
  ratio: number | null;
  perLayer: Record<string, number>;
  batches: number;
}

export async function gradRatioAtInit(
  model: ModelInstance,
  data: BenchmarkData,
  opts: { batch?: number; seed?: number; maxBatches?: number } = {},
): Promise<GradRatio> {
  const bs = opts.batch ?? 32;
  const set = data.sets.train;
  const rng = new Rng(opts.seed ?? 0);
  const order = rng.fork(1).shuffle(Int32Array.from({ length: set.n }, (_, i) => i));
  const augRng = rng.fork(2);
  const augment = benchmarkAugmenter(data);
  const nb = Math.min(Math.floor(set.n / bs), opts.maxBatches ?? Infinity);
  const sums: Record<string, number> = {};
  for (let b = 0; b < nb; b++) {
    const idx = order.subarray(b * bs, (b + 1) * bs);
    const { x, y } = makeBatch(set, idx, DEFAULT_NORMALIZE, augment(set.pixels, idx, augRng));
    try {
      const { gradNorms } = await measureGradNorms(model, x, y);
      for (const [l, v] of Object.entries(gradNorms.perLayer)) sums[l] = (sums[l] ?? 0) + (v ?? 0);
    } finally {
      x.dispose();
      y.dispose();
    }
  }
  const perLayer: Record<string, number> = {};
  for (const l of model.def.layers) perLayer[l] = (sums[l] ?? 0) / Math.max(1, nb);
  return { ratio: embedToMaxMiddleRatio(model.def, perLayer), perLayer, batches: nb };
}
