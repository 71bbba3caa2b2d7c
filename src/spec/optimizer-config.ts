/**
 * The optimizers' settings as plain JSON (they travel in URLs and result files), their
 * torch.optim defaults and how much state each keeps. The optimizers: core/optim.
 */
export type OptimizerConfig =
  | { kind: 'sgd'; lr: number; momentum: number; nesterov: boolean; weightDecay: number }
  | { kind: 'adamw'; lr: number; beta1: number; beta2: number; eps: number; weightDecay: number }
  /** LAMB (core/optim/lamb.ts): AdamW's moments with a per-tensor trust ratio. */
  | { kind: 'lamb'; lr: number; beta1: number; beta2: number; eps: number; weightDecay: number }
  /** LARS (core/optim/lars.ts): momentum SGD with a per-tensor trust ratio eta = trustCoeff. */
  | {
      kind: 'lars';
      lr: number;
      momentum: number;
      trustCoeff: number;
      eps: number;
      weightDecay: number;
    };

/**
 * Optimizer state floats per trained parameter: SGD 0, SGD+momentum 1, AdamW 2, LAMB 2 (m, v),
 * LARS 1 (momentum buffer; 0 without momentum).
 */
export function stateFloatsPerParam(cfg: OptimizerConfig): number {
  return cfg.kind === 'adamw' || cfg.kind === 'lamb' ? 2 : cfg.momentum !== 0 ? 1 : 0;
}

/**
 * torch.optim defaults for each optimizer (AdamW wd 0.01 as the paper uses). LAMB: timm's
 * betas and eps (1e-6) with the LAMB paper's wd 0.01; LARS: the LARS paper's eta 0.001,
 * momentum 0.9 and wd 5e-4, timm's eps 1e-8 (its lr is large: the trust ratio is ~eta).
 */
export function defaultOptimizer(
  kind: 'sgd' | 'sgd-momentum' | 'adamw' | 'lamb' | 'lars',
  lr?: number,
): OptimizerConfig {
  switch (kind) {
    case 'sgd':
      return { kind: 'sgd', lr: lr ?? 1e-2, momentum: 0, nesterov: false, weightDecay: 0 };
    case 'sgd-momentum':
      return { kind: 'sgd', lr: lr ?? 1e-2, momentum: 0.9, nesterov: false, weightDecay: 0 };
    case 'adamw':
      return {
        kind: 'adamw',
        lr: lr ?? 1e-3,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        weightDecay: 0.01,
      };
    case 'lamb':
      return {
        kind: 'lamb',
        lr: lr ?? 1e-3,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-6,
        weightDecay: 0.01,
      };
    case 'lars':
      return {
        kind: 'lars',
        lr: lr ?? 1,
        momentum: 0.9,
        trustCoeff: 1e-3,
        eps: 1e-8,
        weightDecay: 5e-4,
      };
  }
}
