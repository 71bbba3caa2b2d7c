/**
 * The experiment recipe, tools/experiment/experiment-recipe.json, typed: the paper's fine-tuning recipe at
 * micro scale (methods, sweeps, epochs, batch size, seeds), read by the PyTorch twin, the
 * experiment CLI, the page's Full-benchmark preset and the method catalogue
 * (method-catalog.ts) from this one file.
 */
import recipeJson from '../../tools/experiment/experiment-recipe.json';
import { defaultOptimizer, type OptimizerConfig } from '../spec/optimizer-config';
import type { GroupName } from '../spec/param-spec';

export interface MethodRecipe {
  label: string;
  optimizer: 'sgd' | 'adamw' | 'lamb' | 'lars';
  /** SGD and LARS: momentum (0 when absent). */
  momentum?: number;
  /** LAMB / LARS: eps (their defaults in optimizer-config.ts when absent). */
  eps?: number;
  /** LARS: the trust coefficient eta (0.001 when absent). */
  trustCoeff?: number;
  /**
   * 'gradual': gradual unfreezing (spec/unfreeze-schedule.ts), the head first and one more
   * block or stage from the top at even intervals over the run.
   */
  unfreeze?: 'gradual';
  weightDecay: number;
  freeze: GroupName[];
  /** Learning-rate multiplier for the embed group (the paper's "smaller embedding rate" option). */
  embedLrScale?: number;
  /**
   * Linear probing, then fine-tuning (LP-FT): this many epochs training the head alone (every
   * other group frozen, its own cosine schedule, learning rate `lpLr`) before the recipe's
   * epochs of fine-tuning with `freeze` at the swept learning rate, fresh optimizer state.
   */
  lpEpochs?: number;
  /** LP-FT: the head-only phase's learning rate (fixed; the sweep tunes the fine-tuning phase). */
  lpLr?: number;
  /** This method's own learning-rate sweep, instead of its optimizer's in `lrSweep`. */
  lrSweep?: number[];
}

export interface Recipe {
  batchSize: number;
  epochs: number;
  schedule: 'cosine';
  seeds: number[];
  sweepSeed: number;
  methods: Record<string, MethodRecipe>;
  /** The paper's comparison: SGD, AdamW, SGD freeze-embed, SGD freeze-embed without momentum. */
  defaultMethods: string[];
  lrSweep: { sgd: number[]; 'sgd-nomom': number[]; adamw: number[] };
  models: string[];
  benchmarks: string[];
}

export const RECIPE: Readonly<Recipe> = recipeJson as Recipe;

export function methodOf(recipe: Recipe, id: string): MethodRecipe {
  const m = recipe.methods[id];
  if (!m)
    throw new Error(
      `Unknown method "${id}"; the recipe has ${Object.keys(recipe.methods).join(', ')}`,
    );
  return m;
}

/** The engine's optimizer config for a recipe method at a learning rate. */
export function recipeOptimizer(m: MethodRecipe, lr: number): OptimizerConfig {
  if (m.optimizer === 'adamw')
    return { ...defaultOptimizer('adamw', lr), weightDecay: m.weightDecay };
  // LAMB / LARS: their defaults (optimizer-config.ts) unless the recipe names a value.
  if (m.optimizer === 'lamb')
    return {
      kind: 'lamb',
      lr,
      beta1: 0.9,
      beta2: 0.999,
      eps: m.eps ?? 1e-6,
      weightDecay: m.weightDecay,
    };
  if (m.optimizer === 'lars')
    return {
      kind: 'lars',
      lr,
      momentum: m.momentum ?? 0,
      trustCoeff: m.trustCoeff ?? 1e-3,
      eps: m.eps ?? 1e-8,
      weightDecay: m.weightDecay,
    };
  return {
    kind: 'sgd',
    lr,
    momentum: m.momentum ?? 0,
    nesterov: false,
    weightDecay: m.weightDecay,
  };
}
