/**
 * The optimizers' settings as plain JSON (they travel in URLs and result files), their
 * torch.optim defaults and how much state each keeps. The optimizers: core/optim.
 */
export type OptimizerConfig =
  | { kind: 'sgd'; lr: number; momentum: number; nesterov: boolean; weightDecay: number }
  | { kind: 'adamw'; lr: number; beta1: number; beta2: number; eps: number; weightDecay: number };

/** Optimizer state floats per trained parameter: SGD 0, SGD+momentum 1, AdamW 2. */
export function stateFloatsPerParam(cfg: OptimizerConfig): number {
  return cfg.kind === 'adamw' ? 2 : cfg.momentum !== 0 ? 1 : 0;
}

/** torch.optim defaults for each optimizer (AdamW wd 0.01 as the paper uses). */
export function defaultOptimizer(
  kind: 'sgd' | 'sgd-momentum' | 'adamw',
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
  }
}
