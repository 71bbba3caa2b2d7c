import { MULTI_ADAMW_KERNEL, MULTI_SGD_KERNEL } from '../cpu-kernels/multi-update';
import { hasKernel } from '../kernel-call';
import { AdamW } from './adamw';
import { Lamb } from './lamb';
import { Lars } from './lars';
import type { Optimizer } from './optimizer';
import { MultiAdamW } from './multi-adamw';
import { MultiSgd } from './multi-sgd';
import { Sgd } from './sgd';
import type { OptimizerConfig } from '../../spec/optimizer-config';

/**
 * SGD and AdamW are multi-tensor updates (one flat state buffer, one kernel for every
 * parameter: multi-adamw.ts, multi-sgd.ts) where the active backend has the kernels (cpu, wasm,
 * webgpu), and per-tensor updates elsewhere (WebGL: the generic ops, as before).
 */
export function createOptimizer(cfg: OptimizerConfig): Optimizer {
  switch (cfg.kind) {
    case 'adamw':
      return hasKernel(MULTI_ADAMW_KERNEL) ? new MultiAdamW(cfg) : new AdamW(cfg);
    case 'lamb':
      return new Lamb(cfg);
    case 'lars':
      return new Lars(cfg);
    case 'sgd':
      return hasKernel(MULTI_SGD_KERNEL) ? new MultiSgd(cfg) : new Sgd(cfg);
    default:
      // Configs arrive as JSON (URLs, result files): an unknown kind is named, not ignored.
      throw new Error(
        `unknown optimizer kind ${JSON.stringify((cfg as { kind: unknown }).kind)} (sgd, adamw, lamb or lars)`,
      );
  }
}
