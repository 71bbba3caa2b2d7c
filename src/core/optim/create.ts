import { AdamW } from './adamw';
import type { Optimizer, OptimizerConfig } from './optimizer';
import { Sgd } from './sgd';

export function createOptimizer(cfg: OptimizerConfig): Optimizer {
  return cfg.kind === 'adamw' ? new AdamW(cfg) : new Sgd(cfg);
}
