/**
 * The one method catalogue: every method a user can tick, with its label, optimizer and what
 * it freezes, read from the experiment recipe (tools/experiment/experiment-recipe.json, which the PyTorch
 * twin and the experiment CLI read too), so a method is named and configured in one place. The
 * page's grid, its presets, the results table and charts, and the tests derive from this.
 */
import type { GroupName } from '../spec/param-spec';
import { stateFloatsPerParam, type OptimizerConfig } from '../spec/optimizer-config';
import { methodOf, RECIPE, recipeOptimizer } from './experiment-recipe';
import { OTHER_METHODS } from './other-methods';

/**
 * Learning-rate rows: the grid's three optimizers, plus LAMB and LARS (their rates live on
 * another scale, so each has its own). Every method trains at its row's rate.
 */
export type OptimizerRow = 'sgd' | 'sgdm' | 'adamw' | 'lamb' | 'lars';

export interface CatalogMethod {
  readonly id: string;
  readonly label: string;
  readonly row: OptimizerRow;
  readonly freeze: readonly GroupName[];
  /** 'grid': an optimizer row x freeze-embed box; 'other': the paper's other methods (ablations). */
  readonly group: 'grid' | 'other';
  /** One line: what the method does. */
  readonly what: string;
  /**
   * Bytes a trained parameter costs (weights + gradient + optimizer state, float32): 8 / 12 /
   * 16; a frozen one costs 4 (memory-account.ts).
   */
  readonly bytesPerTrainedParam: number;
}

/** The grid's optimizer rows (LAMB and LARS sit with the other methods). */
export type GridRow = 'sgd' | 'sgdm' | 'adamw';

export const OPTIMIZER_ROWS: readonly { row: GridRow; label: string }[] = [
  { row: 'sgdm', label: 'SGD + momentum' },
  { row: 'sgd', label: 'SGD (no momentum)' },
  { row: 'adamw', label: 'AdamW' },
];

/** What the grid's boxes do, one line each (the paper's methods and their two mirrors). */
const GRID_WHAT: Record<string, string> = {
  sgd: 'SGD with momentum 0.9, every layer trained.',
  adamw: 'AdamW (decoupled weight decay 0.01), every layer trained.',
  'sgd-freeze': "SGD with momentum, the embedding layer frozen (the paper's fix).",
  'sgd-freeze-nomom': 'Plain SGD, no momentum state, the embedding layer frozen.',
  'sgd-nomom': 'Plain SGD without momentum, every layer trained.',
  'adamw-freeze': 'AdamW with the embedding layer frozen.',
};

/** The grid's methods, in its order: the paper's four first, then the other two. */
const GRID = ['sgd', 'adamw', 'sgd-freeze', 'sgd-freeze-nomom', 'sgd-nomom', 'adamw-freeze'];

function rowOf(id: string): OptimizerRow {
  const m = methodOf(RECIPE, id);
  if (m.optimizer !== 'sgd') return m.optimizer;
  return (m.momentum ?? 0) > 0 ? 'sgdm' : 'sgd';
}

function entry(id: string, group: CatalogMethod['group'], what: string): CatalogMethod {
  const m = methodOf(RECIPE, id);
  const bytesPerTrainedParam = 8 + 4 * stateFloatsPerParam(recipeOptimizer(m, 1));
  return {
    id,
    label: m.label,
    row: rowOf(id),
    freeze: m.freeze,
    group,
    what,
    bytesPerTrainedParam,
  };
}

/**
 * Every method a user can tick: the grid's six, then the paper's other methods. The order is
 * the share code's bit order (share-code.ts): new methods are appended, never inserted.
 */
export const METHOD_CATALOG: readonly CatalogMethod[] = [
  ...GRID.map((id) => entry(id, 'grid', GRID_WHAT[id] ?? id)),
  ...OTHER_METHODS.map(({ id, what }) => entry(id, 'other', what)),
];

export const METHOD_IDS: readonly string[] = METHOD_CATALOG.map((m) => m.id);

/** The paper's comparison: SGD, AdamW, SGD freeze-embed, SGD freeze-embed without momentum. */
export const PAPER_METHOD_IDS: readonly string[] = RECIPE.defaultMethods;

/** A method's label (its id when it is not in the recipe, e.g. a run saved by another version). */
export function methodLabel(id: string): string {
  return RECIPE.methods[id]?.label ?? id;
}

export function catalogMethod(row: OptimizerRow, frozen: boolean): CatalogMethod {
  const m = METHOD_CATALOG.find(
    (c) => c.group === 'grid' && c.row === row && c.freeze.length > 0 === frozen,
  );
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
