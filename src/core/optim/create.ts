import { MULTI_ADAMW_KERNEL, MULTI_SGD_KERNEL } from '../cpu-kernels/multi-update';
import { MULTI_LAMB_KERNEL, MULTI_LARS_KERNEL } from '../cpu-kernels/multi-trust';
import { hasKernel } from '../kernel-call';
import { AdamW } from './adamw';
import { Lamb } from './lamb';
import { Lars } from './lars';
import type { Optimizer } from './optimizer';
import { MultiAdamW } from './multi-adamw';
import { MultiLamb } from './multi-lamb';
import { MultiLars } from './multi-lars';
import { MultiSgd } from './multi-sgd';
import { Sgd } from './sgd';
import type { OptimizerConfig } from '../../spec/optimizer-config';

/**
 * SGD, AdamW, LAMB and LARS are multi-tensor updates (one flat state buffer, one kernel for
 * every parameter: multi-sgd.ts, multi-adamw.ts, multi-lamb.ts, multi-lars.ts) where the active
 * backend has the kernels (cpu, wasm, webgpu), and per-tensor updates elsewhere (WebGL: the
 * generic ops, as before).
 */
export function createOptimizer(cfg: OptimizerConfig): Optimizer {
  switch (cfg.kind) {
    case 'adamw':
      return hasKernel(MULTI_ADAMW_KERNEL) ? new MultiAdamW(cfg) : new AdamW(cfg);
    case 'lamb':
      return hasKernel(MULTI_LAMB_KERNEL) ? new MultiLamb(cfg) : new Lamb(cfg);
    case 'lars':
      return hasKernel(MULTI_LARS_KERNEL) ? new MultiLars(cfg) : new Lars(cfg);
    case 'sgd':
      return hasKernel(MULTI_SGD_KERNEL) ? new MultiSgd(cfg) : new Sgd(cfg);
    default:
      // Configs arrive as JSON (URLs, result files): an unknown kind is named, not ignored.
      throw new Error(
        `unknown optimizer kind ${JSON.stringify((cfg as { kind: unknown }).kind)} (sgd, adamw, lamb or lars)`,
      );
  }
}
