/**
 * The methods a user can tick: three optimizers, each with freeze-embed off or on. The ids of
 * the paper's four are those of PAPER_METHODS (charts and saved runs key colours and rows by
 * them); the other two complete the grid.
 */
import type { GroupName } from '../../core/models/param-spec';
import { PAPER_METHODS } from '../../core/optim/methods';

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

export const METHOD_CATALOG: readonly CatalogMethod[] = [
  { id: 'sgd', label: 'SGD (momentum 0.9)', row: 'sgdm', freeze: [] },
  { id: 'adamw', label: 'AdamW', row: 'adamw', freeze: [] },
  { id: 'sgd-freeze', label: 'SGD freeze-embed', row: 'sgdm', freeze: ['embed'] },
  { id: 'sgd-freeze-nomom', label: 'SGD freeze-embed, no momentum', row: 'sgd', freeze: ['embed'] },
  { id: 'sgd-nomom', label: 'SGD, no momentum', row: 'sgd', freeze: [] },
  { id: 'adamw-freeze', label: 'AdamW freeze-embed', row: 'adamw', freeze: ['embed'] },
];

export const METHOD_IDS: readonly string[] = METHOD_CATALOG.map((m) => m.id);

/** The paper's comparison: SGD vs AdamW vs SGD freeze-embed vs SGD freeze-embed without momentum. */
export const PAPER_METHOD_IDS: readonly string[] = PAPER_METHODS.map((m) => m.id);

export function catalogMethod(row: OptimizerRow, frozen: boolean): CatalogMethod {
  const m = METHOD_CATALOG.find((c) => c.row === row && c.freeze.length > 0 === frozen);
  if (!m) throw new Error(`no method for ${row} with freeze-embed ${frozen ? 'on' : 'off'}`);
  return m;
}
