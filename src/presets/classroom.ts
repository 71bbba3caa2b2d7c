/**
 * The playground's default classroom preset: the model, benchmark and methods where our own
 * experiments (docs/results.md) show the paper's effect most clearly, on a data subset small
 * enough that one fine-tuning run takes under a minute on 2 CPU cores in Node (and seconds on a
 * GPU). Shared by the UI's defaults and `npm run experiment -- --preset`.
 */
export interface PresetMethod {
  /** A method id of tools/experiment/recipe.json. */
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
  seed: number;
  methods: PresetMethod[];
}

export const CLASSROOM_PRESET: ClassroomPreset = {
  model: 'vit-adamw',
  benchmark: 'style',
  // Digits 0-4 only, 40 training images each: 20 steps of 20, under a minute on the TS
  // engine in Node (docs/results.md, "The classroom preset").
  data: { classes: [0, 1, 2, 3, 4], trainPerClass: 40, valPerClass: 20, oodPerClass: 30 },
  batchSize: 20,
  epochs: 2,
  seed: 0,
  // Learning rates picked by ID validation from the recipe's sweep on this subset (PyTorch twin).
  methods: [
    { method: 'sgd', lr: 0.01 },
    { method: 'adamw', lr: 3e-4 },
    { method: 'sgd-freeze', lr: 0.01 },
    { method: 'sgd-freeze-nomom', lr: 0.03 },
  ],
};
