/**
 * A made-up recorded experiment (public/reference's file format, ui/reference/reference-data.ts)
 * for the tests that read one: each method with three seeds, their OOD seed by seed (perSeed)
 * and the pooled numbers given.
 */
const iv = (mean: number, half: number) => ({ mean, half, n: 3 });

/** One method's record: seeds 1-3 with OOD `ood`, pooled best OOD `pooledOod` ([mean, half]). */
export const recordedMethod = (lr: number, ood: number[], pooledOod: [number, number]) => ({
  lr,
  seeds: [1, 2, 3],
  best: { id: iv(0.85, 0.01), ood: iv(...pooledOod) },
  embedDrift: iv(0.2, 0.01),
  perEpoch: [
    {
      epoch: 1,
      id: iv(0.85, 0.01),
      ood: iv(...pooledOod),
      loss: iv(1, 0),
      drift: {},
      gradNorm: {},
    },
  ],
  perSeed: ood.map((o, k) => ({ seed: k + 1, id: 0.85, ood: o, embedDrift: 0.2 })),
});

/** The file around `methods` (the ViT on acquisition, one epoch). */
export const recording = <M extends Record<string, ReturnType<typeof recordedMethod>>>(
  title: string,
  methods: M,
) => ({
  title,
  about: 'test',
  model: 'vit-adamw',
  benchmark: 'acquisition',
  strength: 1,
  trainImages: 3000,
  epochs: 1,
  batchSize: 64,
  methods,
});
