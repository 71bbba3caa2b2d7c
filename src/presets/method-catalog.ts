/**
 * The one method catalogue: every method a user can tick, with its label, optimizer and what
 * it freezes, read from the experiment recipe (tools/experiment/recipe.json, which the PyTorch
 * twin and the experiment CLI read too), so a method is named and configured in one place. The
 * page's grid, its presets, the results table and charts, and the tests derive from this.
 */
import type { GroupName } from '../core/spec/param-spec';
import type { OptimizerConfig } from '../core/spec/optimizer-config';
import { methodOf, RECIPE, recipeOptimizer } from './recipe';

/** Optimizer rows of the method grid; each has its own learning rate and weight decay. */
export type OptimizerRow = 'sgd' | 'sgdm' | 'adamw';

export interface CatalogMethod {
  readonly id: string;
  readonly label: string;
  readonly row: OptimizerRow;
  readonly freeze: readonly GroupName[];
}

export const OPTIMIZER_ROWS: readonly { row: OptimizerRow; label: string }[] = [
  { row: 'sgdm', label: 'SGD + momentum' },
  { row: 'sgd', label: 'SGD (no momentum)' },
  { row: 'adamw', label: 'AdamW' },
];

/** The grid's methods, in its order: the paper's four first, then the other two. */
const GRID = ['sgd', 'adamw', 'sgd-freeze', 'sgd-freeze-nomom', 'sgd-nomom', 'adamw-freeze'];

function rowOf(id: string): OptimizerRow {
  const m = methodOf(RECIPE, id);
  if (m.optimizer === 'adamw') return 'adamw';
  return (m.momentum ?? 0) > 0 ? 'sgdm' : 'sgd';
}

export const METHOD_CATALOG: readonly CatalogMethod[] = GRID.map((id) => {
  const m = methodOf(RECIPE, id);
  return { id, label: m.label, row: rowOf(id), freeze: m.freeze };
});

export const METHOD_IDS: readonly string[] = METHOD_CATALOG.map((m) => m.id);

/** The paper's comparison: SGD, AdamW, SGD freeze-embed, SGD freeze-embed without momentum. */
export const PAPER_METHOD_IDS: readonly string[] = RECIPE.defaultMethods;

/** A method's label (its id when it is not in the recipe, e.g. a run saved by another version). */
export function methodLabel(id: string): string {
  return RECIPE.methods[id]?.label ?? id;
}

export function catalogMethod(row: OptimizerRow, frozen: boolean): CatalogMethod {
  const m = METHOD_CATALOG.find((c) => c.row === row && c.freeze.length > 0 === frozen);
  if (!m) throw new Error(`no method for ${row} with freeze-embed ${frozen ? 'on' : 'off'}`);
  return m;
}

/** A method as the worker trains it: the recipe's optimizer settings at learning rate `lr`. */
export function catalogMethodSpec(
  id: string,
  lr: number,
): { id: string; label: string; optimizer: OptimizerConfig; freeze: GroupName[] } {
  const m = methodOf(RECIPE, id);
  return { id, label: m.label, optimizer: recipeOptimizer(m, lr), freeze: [...m.freeze] };
}
