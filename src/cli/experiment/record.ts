/**
 * One fine-tuning run's result, the same JSON in both engines (tools/experiment/finetune.py
 * writes it too), so one report reads PyTorch and TS runs alike.
 */
export interface EpochResult {
  epoch: number;
  /** 'lp' for an LP-FT run's linear-probing epochs; absent for fine-tuning epochs. */
  phase?: 'lp';
  /** Mean training loss over the epoch's steps. */
  loss: number;
  /** The benchmark's ID metric on idVal (accuracy, or group-reweighted accuracy). */
  id: number;
  /** The benchmark's OOD metric on ood (accuracy, or worst-group accuracy). */
  ood: number;
  idAcc: number;
  oodAcc: number;
}

export interface RunRecord {
  engine: 'torch' | 'tfjs';
  model: string;
  benchmark: string;
  method: string;
  lr: number;
  seed: number;
  epochs: number;
  batchSize: number;
  steps: number;
  diverged: boolean;
  perEpoch: EpochResult[];
  /** The epoch with the best ID metric (early stopping on ID validation, as the paper). */
  best: EpochResult | null;
  final: EpochResult | null;
  /** ||w - w0|| / ||w0|| of the first ("embedding") layer at the end. */
  embedDrift: number;
  seconds: number;
  /** TS engine only: CPU seconds of the run (one thread), its wall time on a quiet machine. */
  cpuSeconds?: number;
  /** TS engine only: the tfjs backend it ran on (absent: cpu, the runs before wasm existed). */
  backend?: string;
  /** Benchmark options other than the defaults (the TS preset's smaller subsets). */
  data?: Record<string, number | number[]>;
}
