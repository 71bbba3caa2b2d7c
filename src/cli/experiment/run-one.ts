/**
 * One fine-tuning run on the TS engine (tfjs CPU backend in Node): a shipped checkpoint's body
 * with a fresh seeded head, the benchmark's own augmentation, a cosine schedule over the run,
 * evaluation after every epoch. The same recipe as tools/experiment/finetune.py.
 */
import { loadForNewTask } from '../../core/checkpoint/checkpoint';
import { buildModel } from '../../core/models/build-model';
import { Rng } from '../../core/rng';
import type { EvalEvent } from '../../core/train/events';
import { runTraining, stepsPerEpoch } from '../../core/train/run';
import type { AccuracyReport } from '../../core/metrics/accuracy';
import { benchmarkAugmenter } from '../../data/augmenter';
import type { BenchmarkData } from '../../data/benchmarks/types';
import type { ModelConfig } from '../../spec/model-config';
import type { ModelInstance } from '../../core/models/instance';
import { methodOf, type MethodRecipe, type Recipe } from '../../presets/experiment-recipe';
import { optimizerOf } from './load-recipe';
import type { EpochResult, RunRecord } from './record';
import { GROUP_NAMES, type GroupName } from '../../spec/param-spec';

export interface CheckpointEntry {
  name: string;
  file: string;
  config: ModelConfig;
  /** The file's SHA-256 (hex), checked when the CLI reads it. */
  sha256?: string;
}

export interface RunOneInput {
  entry: CheckpointEntry;
  /** The checkpoint's safetensors bytes. */
  bytes: Uint8Array;
  data: BenchmarkData;
  method: string;
  lr: number;
  seed: number;
  recipe: Recipe;
  dataOptions?: Record<string, number | number[]>;
  onStep?: (step: number, total: number) => void;
}

const idMetric = (d: BenchmarkData, r: AccuracyReport): number =>
  d.idMetric === 'group-reweighted-accuracy' ? (r.reweighted ?? r.accuracy) : r.accuracy;
const oodMetric = (d: BenchmarkData, r: AccuracyReport): number =>
  d.oodMetric === 'worst-group-accuracy' ? (r.worstGroup ?? r.accuracy) : r.accuracy;

export async function runOne(inp: RunOneInput): Promise<RunRecord> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { entry, data, recipe } = inp;
  const numClasses = data.sets.train.numClasses;
  const def = buildModel({ ...entry.config, numClasses } as ModelConfig);
  const model = loadForNewTask(def, inp.bytes, new Rng(inp.seed), entry.file); // fresh head, seeded per run
  const m = methodOf(recipe, inp.method);
  const perEpoch: EpochResult[] = [];
  let last: EvalEvent | null = null;
  let diverged = false;
  let steps = 0;
  try {
    const phases = phasesOf(m, recipe.epochs);
    const total =
      stepsPerEpoch(data.sets.train.n, recipe.batchSize) * phases.reduce((a, p) => a + p.epochs, 0);
    for (const phase of phases) {
      const offset = steps;
      const r = await runPhase(
        { ...inp, onStep: (k) => inp.onStep?.(offset + k, total) },
        model,
        phase,
        perEpoch,
      );
      steps += r.steps;
      last = r.last ?? last;
      if (r.diverged) {
        diverged = true;
        break;
      }
    }
  } finally {
    model.dispose();
  }
  // Early stopping on ID validation, over the fine-tuning epochs: an LP-FT run's head-only
  // epochs are the same for every swept rate and would report linear probing as LP-FT.
  const ft = perEpoch.filter((e) => e.phase !== 'lp');
  const best = (ft.length ? ft : perEpoch).reduce<EpochResult | null>(
    (b, e) => (!b || e.id > b.id ? e : b),
    null,
  );
  const lastEval: EvalEvent | null = last;
  return {
    engine: 'tfjs',
    model: entry.name,
    benchmark: data.name,
    method: inp.method,
    lr: inp.lr,
    seed: inp.seed,
    epochs: recipe.epochs,
    batchSize: recipe.batchSize,
    steps,
    diverged,
    perEpoch,
    best,
    final: perEpoch.at(-1) ?? null,
    embedDrift: lastEval?.drift[def.layers[0] as string] ?? NaN,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    cpuSeconds: cpuSince(cpu0),
    ...(inp.dataOptions && Object.keys(inp.dataOptions).length ? { data: inp.dataOptions } : {}),
  };
}

interface Phase {
  epochs: number;
  freeze: GroupName[];
  lp: boolean;
  /** This phase's learning rate when it is not the run's (LP-FT's head-only phase). */
  lr?: number;
}

/** Fine-tuning alone, or LP-FT's head-only epochs first (every group but the head frozen). */
export function phasesOf(m: MethodRecipe, epochs: number): Phase[] {
  const ft: Phase = { epochs, freeze: m.freeze, lp: false };
  if (!m.lpEpochs) return [ft];
  const lp: Phase = {
    epochs: m.lpEpochs,
    freeze: GROUP_NAMES.filter((g) => g !== 'head'),
    lp: true,
    ...(m.lpLr !== undefined ? { lr: m.lpLr } : {}),
  };
  return [lp, ft];
}

/** One runTraining call on `model` (its own cosine schedule and optimizer state); appends to `perEpoch`. */
export async function runPhase(
  inp: RunOneInput,
  model: ModelInstance,
  phase: Phase,
  perEpoch: EpochResult[],
): Promise<{ steps: number; last: EvalEvent | null; diverged: boolean }> {
  const { data, recipe } = inp;
  const m = methodOf(recipe, inp.method);
  let lossSum = 0;
  let lossN = 0;
  let steps = 0;
  let last: EvalEvent | null = null;
  const res = await runTraining(
    model,
    data.sets,
    {
      optimizer: optimizerOf(recipe, inp.method, phase.lr ?? inp.lr),
      schedule: { kind: 'cosine' },
      freeze: phase.freeze,
      ...(m.embedLrScale !== undefined ? { lrScale: { embed: m.embedLrScale } } : {}),
      ...(m.unfreeze === 'gradual' && !phase.lp ? { gradualUnfreeze: true } : {}),
      epochs: phase.epochs,
      batchSize: recipe.batchSize,
      seed: inp.seed,
      evalEvery: 0,
      evalAtStart: false,
    },
    {
      groupWeights: data.trainGroupWeights,
      augment: benchmarkAugmenter(data),
      onEvent: (e) => {
        if (e.type === 'step') {
          lossSum += e.loss;
          lossN++;
          steps = e.step;
          inp.onStep?.(e.step, e.totalSteps);
        } else if (e.type === 'eval') {
          last = e;
          perEpoch.push({
            epoch: perEpoch.length + 1,
            ...(phase.lp ? { phase: 'lp' as const } : {}),
            loss: lossN ? lossSum / lossN : NaN,
            id: idMetric(data, e.id),
            ood: oodMetric(data, e.ood),
            idAcc: e.id.accuracy,
            oodAcc: e.ood.accuracy,
          });
          lossSum = 0;
          lossN = 0;
        }
      },
    },
  );
  return { steps, last, diverged: res.type === 'error' };
}

/** CPU seconds (user + system) this process spent since `from`: the run's cost on a quiet
 * machine, as tfjs's CPU backend runs on one thread; wall time on a shared machine is noisy. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return Math.round((d.user + d.system) / 1e5) / 10;
}
