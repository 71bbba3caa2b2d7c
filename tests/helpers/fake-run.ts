/**
 * A training run's worker events without training: the shapes the browser worker sends (step
 * events with per-parameter, per-layer and per-group gradient norms of a real model definition,
 * evaluations with drift per layer and the first layer's filters, memory, method-done,
 * run-done), in lockstep as a comparison runs, with made-up values. For history and export
 * tests and the history bench: sizes and costs depend on the shapes, not on the numbers.
 */
import { gradNormsFromSquares } from '../../src/core/metrics/grad-norms';
import { accountMemory } from '../../src/spec/memory-account';
import { defaultOptimizer } from '../../src/spec/optimizer-config';
import type { ModelDef } from '../../src/core/models/model';
import { buildModel } from '../../src/core/models/build-model';
import { Rng } from '../../src/core/rng';
import type { EvalEvent, FilterSnapshot, StepEvent } from '../../src/core/train/events';
import type { LoadedInfo, ProgressInfo } from '../../src/protocol/messages';
import type { ClientEvent } from '../../src/ui/worker-client/training-client';
import { defaultModelConfig } from '../../src/spec/model-config';

export interface FakeRun {
  methods: readonly string[];
  steps: number;
  /** An evaluation every this many steps (and one at step 0). */
  evalEvery: number;
  /** Steps per metrics message per method (the worker batches ~10 messages a second). */
  batch?: number;
  /** Simulated milliseconds per lockstep round (one step of every method). */
  msPerRound?: number;
  /** Methods whose embedding is frozen (no gradient: absent from perParam, null per layer). */
  frozen?: readonly string[];
  seed?: number;
}

/** The micro ViT of the shipped checkpoints (211,988 parameters, patch embedding 7x7x3x64). */
export function vitDef(): ModelDef {
  return buildModel({ ...defaultModelConfig('vit'), numClasses: 10 });
}

export function loadedInfoOf(def: ModelDef): LoadedInfo {
  const embedLayers = def.layers.filter((l) => def.groupOfLayer.get(l) === 'embed');
  return {
    family: def.family,
    params: 211988,
    embedParams: 9472,
    layers: [...def.layers],
    embedLayers,
    headLayers: def.layers.filter((l) => def.groupOfLayer.get(l) === 'head'),
    numClasses: 10,
    classNames: Array.from({ length: 10 }, (_, i) => String(i)),
    sizes: { train: 3000, idVal: 1000, ood: 1000 },
    idMetric: 'accuracy',
    oodMetric: 'accuracy',
  };
}

function stepEvent(
  def: ModelDef,
  rng: Rng,
  step: number,
  total: number,
  frozen: boolean,
): StepEvent {
  const names = def.specs
    .filter((s) => s.kind === 'param' && !(frozen && def.groupOfLayer.get(s.layer) === 'embed'))
    .map((s) => s.name);
  const sq = names.map(() => rng.next() * 0.1);
  return {
    type: 'step',
    step,
    epoch: Math.floor((step - 1) / 46),
    totalSteps: total,
    loss: 2.3 * Math.exp(-step / 200) + 0.1 * rng.next(),
    lr: 0.01 * 0.5 * (1 + Math.cos((Math.PI * step) / total)),
    gradNorms: gradNormsFromSquares(def, names, sq),
    stepMs: 200 + 50 * rng.next(),
    imagesPerSec: 300 + 20 * rng.next(),
    trainingBytes: 4_250_000 + Math.floor(1000 * rng.next()),
  };
}

/** The first layer's filters; at step 0 the same for every method (a comparison starts from the same weights). */
function filtersAt(def: ModelDef, rng: Rng, step: number): FilterSnapshot {
  const first = def.specs.find((s) => s.layer === def.layers[0] && s.shape.length === 4)!;
  const n = first.shape.reduce((a, b) => a * b, 1);
  const r = step === 0 ? new Rng(12345) : rng;
  // Float32 values, as the worker reads them back.
  return {
    param: first.name,
    shape: [...first.shape],
    values: Array.from(Float32Array.from({ length: n }, () => (r.next() - 0.5) * 0.2)),
  };
}

function evalEvent(def: ModelDef, rng: Rng, step: number): EvalEvent {
  return {
    type: 'eval',
    step,
    epoch: Math.floor(step / 46),
    id: { n: 1000, accuracy: 0.5 + 0.4 * rng.next() },
    ood: { n: 1000, accuracy: 0.4 + 0.4 * rng.next() },
    drift: Object.fromEntries(def.layers.map((l) => [l, step === 0 ? 0 : 0.01 * rng.next()])),
    filters: filtersAt(def, rng, step),
  };
}

/** The events, in order, each with the simulated time it arrives at (ms from the start). */
export function* fakeRunEvents(
  def: ModelDef,
  run: FakeRun,
): Generator<{ e: ClientEvent; now: number }> {
  const rng = new Rng(run.seed ?? 0);
  const batch = run.batch ?? 8;
  const ms = run.msPerRound ?? 860;
  const frozen = new Set(run.frozen ?? []);
  const progress = (step: number): ProgressInfo => ({
    methodId: run.methods[0] as string,
    methodIndex: 0,
    methods: run.methods.length,
    step,
    totalSteps: run.steps,
    etaMs: 1,
  });
  let now = 0;
  for (const methodId of run.methods) {
    const accounting = accountMemory(
      def,
      defaultOptimizer('adamw', 1e-3),
      new Set(frozen.has(methodId) ? ['embed' as const] : []),
    );
    yield {
      e: {
        type: 'memory',
        methodId,
        accounting,
        measured: { backend: 'webgpu', numTensors: 100, numBytes: 5_000_000 },
      },
      now,
    };
    yield { e: { type: 'eval', methodId, event: evalEvent(def, rng, 0) }, now };
  }
  for (let from = 1; from <= run.steps; from += batch) {
    const to = Math.min(run.steps, from + batch - 1);
    const steps: { methodId: string; event: StepEvent }[] = [];
    for (let s = from; s <= to; s++)
      for (const methodId of run.methods)
        steps.push({ methodId, event: stepEvent(def, rng, s, run.steps, frozen.has(methodId)) });
    now += ms * (to - from + 1);
    yield { e: { type: 'metrics', steps, progress: progress(to) }, now };
    for (let s = from; s <= to; s++)
      if (s % run.evalEvery === 0 || s === run.steps)
        for (const methodId of run.methods)
          yield { e: { type: 'eval', methodId, event: evalEvent(def, rng, s) }, now };
  }
  for (const methodId of run.methods)
    yield {
      e: {
        type: 'method-done',
        methodId,
        event: {
          type: 'done',
          status: 'finished',
          steps: run.steps,
          best: null,
          last: null,
          elapsedMs: now,
        },
      },
      now,
    };
  yield { e: { type: 'run-done', status: 'finished' }, now };
}
