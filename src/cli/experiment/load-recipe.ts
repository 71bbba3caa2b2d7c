/**
 * The experiment recipe (tools/experiment/experiment-recipe.json, typed in src/presets/experiment-recipe.ts), shared
 * with the PyTorch twin so both engines run the same methods, sweeps, epochs, batch size and
 * seeds from one file: read from disk here (a test may point at another), and what the CLI
 * derives from it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OptimizerConfig } from '../../spec/optimizer-config';
import { methodOf, recipeOptimizer, type Recipe } from '../../presets/experiment-recipe';

export const RECIPE_PATH = fileURLToPath(
  new URL('../../../tools/experiment/experiment-recipe.json', import.meta.url),
);

export function loadRecipe(path = RECIPE_PATH): Recipe {
  return JSON.parse(readFileSync(path, 'utf8')) as Recipe;
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
  return recipeOptimizer(methodOf(recipe, id), lr);
}

/** One run's file name, the same in both engines: model__bench__method__lr__seed__epochs. */
export function runKey(
  model: string,
  bench: string,
  method: string,
  lr: number,
  seed: number,
  epochs: number,
): string {
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
