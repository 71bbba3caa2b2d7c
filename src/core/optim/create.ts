import { AdamW } from './adamw';
import type { Optimizer } from './optimizer';
import { Sgd } from './sgd';
import type { OptimizerConfig } from '../spec/optimizer-config';

export function createOptimizer(cfg: OptimizerConfig): Optimizer {
  return cfg.kind === 'adamw' ? new AdamW(cfg) : new Sgd(cfg);
}
