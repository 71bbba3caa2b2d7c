/**
 * The playground's default classroom preset: a short run that shows the paper's result in its
 * direction (AdamW ahead of SGD out of distribution, SGD freeze-embed level with or ahead of
 * AdamW, SGD moving the embedding more than AdamW), small enough for a class without a GPU.
 * Shared by the UI's defaults and `npm run experiment -- --preset`.
 */
export interface PresetMethod {
  /** A method id of tools/experiment/experiment-recipe.json. */
  method: string;
  lr: number;
}

export interface ClassroomPreset {
  /** A checkpoint name in public/models/manifest.json. */
  model: string;
  benchmark: string;
  /** The benchmark's shift strength, when not its default. */
  strength?: number;
  /** Benchmark options: the subset (classes relabelled 0..k-1; empty: all) and its sizes. */
  data: { classes: number[]; trainPerClass: number; valPerClass: number; oodPerClass: number };
  batchSize: number;
  epochs: number;
  /** Evenly spaced evaluations per epoch (the accuracy curves' points). */
  evalsPerEpoch: number;
  seed: number;
  methods: PresetMethod[];
}

/** The rates of the paper's four-method comparison, by method id. */
export interface ComparisonRates {
  sgd: number;
  adamw: number;
  'sgd-freeze': number;
  'sgd-freeze-nomom': number;
}

/** SGD, AdamW, SGD freeze-embed and SGD freeze-embed without momentum, in that order. */
export function comparisonMethods(rates: ComparisonRates): PresetMethod[] {
  const order = ['sgd', 'adamw', 'sgd-freeze', 'sgd-freeze-nomom'] as const;
  return order.map((method) => ({ method, lr: rates[method] }));
}

export const CLASSROOM_PRESET: ClassroomPreset = {
  model: 'vit-adamw',
  // The benchmark where the full experiment shows AdamW's OOD lead (acquisition at shift
  // strength 1: the OOD site further from the training sites), cut to digits 0-4 so that a
  // short run converges: 1,500 training images, 2 epochs of batch 32 (92 steps per method).
  // Design "L5" of docs/results.md ("The classroom preset"), chosen with the PyTorch twin from
  // eleven designs and confirmed on the TS engine with fresh seeds.
  benchmark: 'acquisition',
  strength: 1,
  data: { classes: [0, 1, 2, 3, 4], trainPerClass: 300, valPerClass: 50, oodPerClass: 100 },
  batchSize: 32,
  epochs: 2,
  evalsPerEpoch: 2,
  seed: 0,
  // Rates picked by ID validation, mean over two sweep seeds (PyTorch twin). SGD and SGD
  // freeze-embed share the form's SGD + momentum rate: 0.01 has the best mean over both.
  methods: comparisonMethods({
    sgd: 0.01,
    adamw: 1e-3,
    'sgd-freeze': 0.01,
    'sgd-freeze-nomom': 0.03,
  }),
};
