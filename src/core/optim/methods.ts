/**
 * The paper's methods as named presets (registry shared by UI, CLI and saved configs):
 * SGD with momentum 0.9, AdamW with weight decay 0.01, and SGD freeze-embed with and without
 * momentum. Learning rates are starting points inside the paper's sweep ranges.
 */
import type { GroupName } from '../models/param-spec';
import { defaultOptimizer, type OptimizerConfig } from './optimizer';

export interface MethodPreset {
  id: string;
  label: string;
  optimizer: OptimizerConfig;
  freeze: GroupName[];
}

export const PAPER_METHODS: readonly MethodPreset[] = [
  { id: 'sgd', label: 'SGD (momentum 0.9)', optimizer: defaultOptimizer('sgd-momentum', 1e-2), freeze: [] },
  { id: 'adamw', label: 'AdamW', optimizer: defaultOptimizer('adamw', 1e-3), freeze: [] },
  { id: 'sgd-freeze', label: 'SGD freeze-embed', optimizer: defaultOptimizer('sgd-momentum', 1e-2), freeze: ['embed'] },
  { id: 'sgd-freeze-nomom', label: 'SGD freeze-embed, no momentum', optimizer: defaultOptimizer('sgd', 1e-2), freeze: ['embed'] },
];
