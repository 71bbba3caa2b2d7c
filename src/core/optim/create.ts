import { AdamW } from './adamw';
import { Lamb } from './lamb';
import { Lars } from './lars';
import type { Optimizer } from './optimizer';
import { Sgd } from './sgd';
import type { OptimizerConfig } from '../spec/optimizer-config';

export function createOptimizer(cfg: OptimizerConfig): Optimizer {
  switch (cfg.kind) {
    case 'adamw':
      return new AdamW(cfg);
    case 'lamb':
      return new Lamb(cfg);
    case 'lars':
      return new Lars(cfg);
    case 'sgd':
      return new Sgd(cfg);
    default:
      // Configs arrive as JSON (URLs, result files): an unknown kind is named, not ignored.
      throw new Error(`unknown optimizer kind ${JSON.stringify((cfg as { kind: unknown }).kind)} (sgd, adamw, lamb or lars)`);
  }
}
