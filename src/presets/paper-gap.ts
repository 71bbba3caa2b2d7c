/**
 * The run where our experiments show AdamW's out-of-distribution lead over SGD most clearly
 * (docs/results.md, finding 2): the AdamW-pretrained micro ViT on the whole *acquisition*
 * benchmark at shift strength 1.0 ("acquisition-s10"), the recipe's batch 64 and 6 epochs, at
 * the learning rates ID validation picked there (tests/unit/ui/paper-gap-preset.test.ts holds
 * them equal to docs/results/summary.json). Measured (PyTorch twin, 10 seeds): OOD SGD 75.3,
 * AdamW 84.6, SGD freeze-embed 88.4. Those rates came from one sweep seed, and SGD's 0.03 sits
 * next to a rate that diverges: picked over two sweep seeds SGD takes 0.01, and then (10 fresh
 * seeds) SGD 83.7, AdamW 84.1, SGD freeze-embed 88.2 (docs/results.md, "What an independent
 * check found"; public/reference/acquisition-s10.json). Seed 0, the page's, in Chromium on wasm:
 * SGD 81.9, AdamW 81.1, SGD freeze-embed 89.6 OOD, 1,010 s for the four methods (docs/results.md).
 */
import { CLASSROOM_PRESET, comparisonMethods, type ClassroomPreset } from './classroom';

/** The classroom preset's model, benchmark, strength, evaluations and seed, at full size. */
export const PAPER_GAP_PRESET: ClassroomPreset = {
  ...CLASSROOM_PRESET,
  // Every class at the benchmark's own sizes (docs/benchmarks/acquisition.md).
  data: { classes: [], trainPerClass: 300, valPerClass: 100, oodPerClass: 100 },
  batchSize: 64,
  epochs: 6,
  methods: comparisonMethods({
    sgd: 0.03,
    adamw: 1e-3,
    'sgd-freeze': 0.03,
    'sgd-freeze-nomom': 0.1,
  }),
};
