/**
 * The training loop's inputs and result (run.ts): the run's configuration, the host's hooks
 * (events, abort, pause points, augmentation) and what a run ends with.
 */
import type { GroupName } from '../../spec/param-spec';
import type { Optimizer, OptimizerState } from '../optim/optimizer';
import type { OptimizerConfig } from '../../spec/optimizer-config';
import type { Schedule } from '../optim/schedule';
import type { Rng } from '../rng';
import type { Normalize } from './batch';
import type { DoneEvent, ErrorEvent, RunEvent } from './events';
import type { AccuracyReport } from '../metrics/accuracy';
import type { LinearProbe } from './linear-probe';

export interface RunConfig {
  optimizer: OptimizerConfig;
  schedule: Schedule;
  /** Groups that do not train (freeze-embed: ['embed']). */
  freeze: GroupName[];
  /** Learning-rate multiplier per group (e.g. { embed: 0.1 }); 1 where absent. */
  lrScale?: Partial<Record<GroupName, number>>;
  /**
   * Gradual unfreezing (spec/unfreeze-schedule.ts): the head trains alone first and one more
   * block or stage unfreezes, from the head down, at even intervals over the whole run.
   */
  gradualUnfreeze?: boolean;
  /** LP-FT (linear-probe.ts): head-only epochs before `epochs`, as the CLI's two phases. */
  linearProbe?: LinearProbe;
  /** Fine-tuning epochs (a linear probe's epochs come before them). */
  epochs: number;
  batchSize: number;
  seed: number;
  /** Evaluate every N steps; 0 = at the end of each epoch. */
  evalEvery: number;
  /**
   * Evaluations per epoch, evenly spaced (e.g. 4: every quarter epoch), so accuracy curves have
   * a shape in a short run; takes precedence over evalEvery when set.
   */
  evalsPerEpoch?: number;
  /** Evaluate the starting weights before the first step. */
  evalAtStart?: boolean;
  /** Stop after this many steps (tests, demos); the schedule still spans the full run. */
  maxSteps?: number;
  /**
   * Resume at this step (e.g. on another backend after a lost GPU, from a snapshot): earlier
   * batches are skipped, the schedule continues, and the optimizer starts from
   * `optimizerState` when given (the snapshot's), else afresh.
   */
  startStep?: number;
  optimizerState?: OptimizerState;
  normalize?: Normalize;
}

/** Returns augmented copies of the given rows, [B, H, W, C] uint8. */
export type Augment = (pixels: Uint8Array, idx: ArrayLike<number>, rng: Rng) => Uint8Array;

export interface RunHooks {
  onEvent: (e: RunEvent) => void;
  signal?: AbortSignal;
  /**
   * Awaited before every step, with the number of steps done so far and the run's optimizer
   * (to read, not to step): the host's place for pausing, snapshots of the weights and the
   * optimizer state, and evaluate-now requests, between steps.
   */
  beforeStep?: (step: number, optimizer: Optimizer) => Promise<void>;
  augment?: Augment;
  /** Group weights for the ID "reweighted" accuracy (training group proportions). */
  groupWeights?: readonly number[];
  /**
   * The accuracies of the starting weights, when the host already has them: methods of a
   * comparison start from the same weights, so one evaluation serves them all.
   */
  startAccuracy?: () => Promise<{ id: AccuracyReport; ood: AccuracyReport }>;
  now?: () => number;
}

export type RunResult = DoneEvent | ErrorEvent;
