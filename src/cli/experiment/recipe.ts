/**
 * The experiment recipe (tools/experiment/recipe.json), shared with the PyTorch twin so both
 * engines run the same methods, sweeps, epochs, batch size and seeds from one file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GroupName } from '../../core/models/param-spec';
import { defaultOptimizer, type OptimizerConfig } from '../../core/optim/optimizer';

export const RECIPE_PATH = fileURLToPath(new URL('../../../tools/experiment/recipe.json', import.meta.url));

export interface MethodRecipe {
  label: string;
  optimizer: 'sgd' | 'adamw';
  momentum?: number;
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
  defaultMethods: string[];
  lrSweep: { sgd: number[]; 'sgd-nomom': number[]; adamw: number[] };
  models: string[];
  benchmarks: string[];
}

export function loadRecipe(path = RECIPE_PATH): Recipe {
  return JSON.parse(readFileSync(path, 'utf8')) as Recipe;
}

export function methodOf(recipe: Recipe, id: string): MethodRecipe {
  const m = recipe.methods[id];
  if (!m) throw new Error(`Unknown method "${id}"; the recipe has ${Object.keys(recipe.methods).join(', ')}`);
  return m;
}

/** The learning rates a method's sweep tries (the paper's ranges, scaled to micro models). */
export function sweepOf(recipe: Recipe, id: string): number[] {
  const m = methodOf(recipe, id);
  if (m.lrSweep) return m.lrSweep;
  if (m.optimizer === 'adamw') return recipe.lrSweep.adamw;
  return (m.momentum ?? 0) > 0 ? recipe.lrSweep.sgd : recipe.lrSweep['sgd-nomom'];
}

/** The engine's optimizer config for a method at a learning rate. */
export function optimizerOf(recipe: Recipe, id: string, lr: number): OptimizerConfig {
  const m = methodOf(recipe, id);
  if (m.optimizer === 'adamw') return { ...defaultOptimizer('adamw', lr), weightDecay: m.weightDecay };
  return { kind: 'sgd', lr, momentum: m.momentum ?? 0, nesterov: false, weightDecay: m.weightDecay };
}

/** One run's file name, the same in both engines: model__bench__method__lr__seed__epochs. */
export function runKey(model: string, bench: string, method: string, lr: number, seed: number, epochs: number): string {
  return `${model}__${bench}__${method}__lr${fmtG(lr)}__s${seed}__e${epochs}`;
}

/** Python's `{x:g}` for the learning rates we use (0.001 -> 0.001, 0.0001 -> 0.0001, 1e-05 -> 1e-05). */
export function fmtG(x: number): string {
  if (x !== 0 && Math.abs(x) < 1e-4) {
    const [m, e] = x.toExponential().split('e') as [string, string];
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(Number(x.toPrecision(6)));
}
