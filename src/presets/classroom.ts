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
  /** Benchmark options: the subset sizes. */
  data: { trainPerClass: number; valPerClass: number; oodPerClass: number };
  batchSize: number;
  epochs: number;
  seed: number;
  methods: PresetMethod[];
}

export const CLASSROOM_PRESET: ClassroomPreset = {
  model: 'vit-adamw',
  benchmark: 'style',
  data: { trainPerClass: 40, valPerClass: 20, oodPerClass: 20 },
  batchSize: 32,
  epochs: 3,
  seed: 0,
  methods: [
    { method: 'sgd', lr: 0.03 },
    { method: 'adamw', lr: 1e-3 },
    { method: 'sgd-freeze', lr: 0.03 },
    { method: 'sgd-freeze-nomom', lr: 0.1 },
  ],
};
