/**
 * One run of the worker: every method of the comparison trains from the same weights, seed and
 * batches, in lockstep (core/train/turnstile.ts: one step of each method in turn), so the
 * curves grow side by side and a run stopped early still compares methods at the same step.
 *
 * A method that fails (a diverging SGD, a bad step) stops alone: its error is reported with its
 * id and the others go on. Snapshots per method (every SNAPSHOT_EVERY of its steps: the weights
 * and the optimizer's state, so AdamW keeps its moments and SGD its momentum) let a run lost
 * with its GPU continue on another backend from where each method was; finished methods keep
 * their final weights for export. No DOM; talks only through the batcher.
 */
import { ModelInstance } from '../core/models/instance';
import { DEFAULT_NORMALIZE } from '../core/train/batch';
import { evaluateSplits } from '../core/train/evaluate';
import type { AccuracyReport } from '../core/metrics/accuracy';
import { runTraining, stepsPerEpoch } from '../core/train/run';
import { runSteps } from '../core/train/linear-probe';
import { Turnstile } from '../core/train/turnstile';
import { benchmarkAugmenter } from '../data/augmenter';
import type { BenchmarkData } from '../data/benchmarks/types';
import type { RunSpec } from '../protocol/messages';
import type { OptimizerState } from '../core/optim/optimizer';
import { DeviceLostError } from './faults';
import type { LoadedModel } from './load-model';
import { precompileRun } from './precompile-run';
import { prepareKernels, type Precompile } from './prepare-kernels';
import { methodRunConfig } from './method-run-config';
import { OrderedSends } from './eval-filters';
import { methodEventSink, sendMethodMemory, type MethodOutcome } from './method-events';
import { failAlone, failOutside } from './method-failure';
import type { FinalWeights, MethodSnapshot, RunHost, RunStatus } from './run-host';

export type { FinalWeights, MethodSnapshot, RunHost, RunStatus } from './run-host';

import { yieldToEvents } from './yield-to-events';

export type { Precompile } from './prepare-kernels';

/** Snapshots (one readback of a method's weights, one of its optimizer state) every this many of its steps. */
export const SNAPSHOT_EVERY = 10;
/** How long the end of a method waits for its last filter readback before going on without it. */
const FILTERS_WAIT_MS = 5000;

export class RunController {
  /** This attempt's stop signal (a continued run is a new attempt). */
  abort = new AbortController();
  /** Per method index: the last weight snapshot (step 0 = the starting weights). */
  readonly snapshots = new Map<number, MethodSnapshot>();
  /** Final weights of each finished method (host copies), for export, by method id. */
  readonly finals = new Map<string, FinalWeights>();
  /** Methods asked to evaluate at their next turn ("evaluate now"). */
  private readonly evalPending = new Set<number>();
  private turnstile: Turnstile | null = null;
  private host!: RunHost;
  /** The starting weights' accuracies, evaluated once for every method of this attempt. */
  private startAccuracy: Promise<{ id: AccuracyReport; ood: AccuracyReport }> | null = null;

  constructor(
    private readonly lm: LoadedModel,
    private readonly data: BenchmarkData,
    readonly spec: RunSpec,
    private readonly precompile: Precompile = precompileRun,
  ) {}

  /** Keeps the final weights of `prev`'s finished methods that this run does not train again. */
  keepFinals(prev: RunController | null): void {
    for (const [id, f] of prev?.finals ?? [])
      if (!this.spec.methods.some((m) => m.id === id)) this.finals.set(id, f);
  }

  /** The earliest step every unfinished method could continue from (the lost-device message). */
  resumeStep(): number | undefined {
    const steps = this.spec.methods.flatMap((m, i) =>
      this.finals.has(m.id) ? [] : [this.snapshots.get(i)?.step ?? 0],
    );
    return steps.length ? Math.min(...steps) : undefined;
  }

  /** Every method still training evaluates once, between its steps. */
  requestEvaluation(): void {
    for (const i of this.turnstile?.remaining ?? []) this.evalPending.add(i);
  }

  /**
   * Trains every method not yet finished, from its snapshot if it has one (a continued run),
   * else from the starting weights. Resolves with the run's status once every method is done.
   * Called again after a lost device, with the new attempt's host: finished methods are kept.
   */
  async run(host: RunHost): Promise<RunStatus> {
    this.host = host;
    this.abort = new AbortController();
    this.evalPending.clear();
    this.startAccuracy = null;
    const { spec, data } = this;
    // Steps per method: LP-FT's head-only epochs come on top of the run's (core/train/linear-probe.ts).
    const perEpoch = stepsPerEpoch(data.sets.train.n, spec.batchSize);
    const stepsOf = (i: number): number =>
      Math.min(
        runSteps(spec.methods[i]?.linearProbe, perEpoch, spec.epochs),
        spec.maxSteps ?? Infinity,
      );
    const todo = spec.methods
      .map((_, i) => i)
      .filter((i) => !this.finals.has((spec.methods[i] as RunSpec['methods'][number]).id));
    const turnstile = new Turnstile(spec.methods.length);
    for (let i = 0; i < spec.methods.length; i++) if (!todo.includes(i)) turnstile.leave(i);
    this.turnstile = turnstile;
    await prepareKernels(this.precompile, this.lm, data.sets, spec, todo, this.host);
    // ETA from wall time per step since this run began (evaluations and snapshots included),
    // over the steps the live methods have left: a diverged method's are never run.
    const began = performance.now();
    const done = new Map<number, number>(todo.map((i) => [i, this.snapshots.get(i)?.step ?? 0]));
    let stepsSince = 0;
    const eta = (): number => {
      const left = [...done.entries()].reduce((a, [i, d]) => a + Math.max(0, stepsOf(i) - d), 0);
      return stepsSince ? (left * (performance.now() - began)) / stepsSince : 0;
    };
    const outcomes = await Promise.all(
      todo.map((i) =>
        this.method(i, stepsOf(i), turnstile, (step) => {
          done.set(i, step);
          stepsSince++;
          return eta();
        }).finally(() => {
          turnstile.leave(i);
          done.delete(i); // a method that stopped early (diverged) has no steps left to wait for
        }),
      ),
    );
    if (this.abort.signal.aborted) return 'stopped';
    // A comparison where some methods finished is a finished run; the failures were reported.
    return outcomes.some((o) => o === 'finished') || this.finals.size > 0 ? 'finished' : 'failed';
  }

  /**
   * Before each of method `i`'s steps: its turn, the pause gate, an evaluation asked for
   * meanwhile, and every SNAPSHOT_EVERY steps past its start a snapshot (`optimizer` null at the
   * step it resumed from).
   */
  private async beforeStep(
    i: number,
    m: ModelInstance,
    turnstile: Turnstile,
    optimizer: { readState(): Promise<OptimizerState> } | null,
    step: number,
  ): Promise<void> {
    const { data, host } = this;
    await yieldToEvents(); // a pause or stop sent during the last step is heard now
    await turnstile.take(i);
    await host.gate.wait();
    if (!host.live()) throw new DeviceLostError('The WebGPU device was lost.');
    if (this.evalPending.delete(i)) {
      const { id, ood } = await evaluateSplits(
        m,
        data.sets,
        DEFAULT_NORMALIZE,
        data.trainGroupWeights,
      );
      host.batcher.send({
        type: 'eval',
        methodId: (this.spec.methods[i] as RunSpec['methods'][number]).id,
        event: { type: 'eval', step, epoch: -1, id, ood, drift: {} },
      });
    }
    if (optimizer && step % SNAPSHOT_EVERY === 0) {
      const [weights, optimizerState] = await Promise.all([m.readAll(), optimizer.readState()]);
      if (host.live()) this.snapshots.set(i, { step, weights, optimizer: optimizerState });
    }
  }

  /** One method's training loop, taking its turns. */
  private async method(
    i: number,
    perMethod: number,
    turnstile: Turnstile,
    onStep: (step: number) => number,
  ): Promise<RunStatus | 'abandoned'> {
    const { spec, data, host, lm } = this;
    const method = spec.methods[i] as RunSpec['methods'][number];
    const snap = this.snapshots.get(i);
    const startStep = snap?.step ?? 0;
    const m = ModelInstance.fromValues(lm.def, snap?.weights ?? lm.weights);
    if (!snap) this.snapshots.set(i, { step: 0, weights: lm.weights });
    // Evaluations wait for their filter readback; method-done is queued behind them.
    const outbox = new OrderedSends(host.live);
    const outcome: MethodOutcome = { failed: null, status: 'finished' };
    try {
      sendMethodMemory(host, lm.def, method);
      const result = await runTraining(
        m,
        data.sets,
        methodRunConfig(spec, method, startStep, snap?.optimizer),
        {
          signal: this.abort.signal,
          groupWeights: data.trainGroupWeights,
          augment: spec.augment ? benchmarkAugmenter(data) : undefined,
          // Every method starts from the same weights: the first to ask evaluates them for all.
          startAccuracy: () =>
            (this.startAccuracy ??= evaluateSplits(
              m,
              data.sets,
              DEFAULT_NORMALIZE,
              data.trainGroupWeights,
            )),
          beforeStep: (step, optimizer) =>
            this.beforeStep(i, m, turnstile, step > startStep ? optimizer : null, step),
          onEvent: methodEventSink({
            host,
            method,
            i,
            m,
            perMethod,
            turnstile,
            onStep,
            outbox,
            outcome,
          }),
        },
      );
      await outbox.settled(FILTERS_WAIT_MS);
      if (!host.live()) return 'abandoned';
      if (outcome.failed) return await failAlone(host, method, outcome.failed, turnstile, i);
      if (result.type === 'done' && result.status === 'finished')
        this.finals.set(method.id, { weights: await m.readAll(), steps: result.steps });
      return outcome.status;
    } catch (e) {
      return await failOutside(host, e, method);
    } finally {
      m.dispose();
    }
  }
}
