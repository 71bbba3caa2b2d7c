/**
 * What a session has loaded (the data and the starting weights) and what can be asked of it
 * between runs: its description for the page, the gradient norms at the starting weights, and
 * an evaluation of the latest weights on ID and OOD.
 */
import * as tf from '@tensorflow/tfjs-core';
import { embedToMaxMiddleRatio } from '../core/metrics/grad-norms';
import { ModelInstance } from '../core/models/instance';
import { paramSummary } from '../spec/param-summary';
import { DEFAULT_NORMALIZE, makeBatch } from '../core/train/batch';
import { evaluateSplits } from '../core/train/evaluate';
import { seededBatchIndices } from '../core/train/first-batch';
import { measureGradNorms } from '../core/train/step';
import type { BenchmarkData } from '../data/benchmarks/types';
import type { ShardStore } from '../data/shards/shard-store';
import type { CheckpointRef, LoadedInfo, Request, WorkerEvent } from '../protocol/messages';
import { loadData, type Progress } from './load-data';
import { loadIdentity } from './load-identity';
import type { LoadedModel } from './load-model';
import type { FinalWeights } from './run-controller';
import type { SessionPorts } from './session-ports';

export interface Loaded {
  model: LoadedModel;
  data: BenchmarkData;
  /**
   * What was loaded, as a digest of the request (load-identity.ts): a run's record keeps it
   * (LoadedInfo.loadId), so an export can tell whether the worker still holds that run's
   * weights and data.
   */
  id: string;
  /** The user's own checkpoint the weights came from, by name and hash. */
  checkpoint?: CheckpointRef;
}

type Post = (e: WorkerEvent) => void;

/** The data, then the starting weights with a head for its classes, with progress events. */
export async function loadSession(
  store: ShardStore,
  cmd: Extract<Request, { type: 'load' }>,
  ports: Pick<SessionPorts, 'loadModel'>,
  baseUrl: string,
  post: Post,
): Promise<Loaded> {
  const progress: Progress = (phase, message, fraction) =>
    post({ type: 'load-progress', phase, message, fraction });
  const data = await loadData(store, cmd.data, progress);
  progress('build', 'building the model', 0.95);
  const model = await ports.loadModel(cmd.model, data.sets.train.numClasses, baseUrl);
  const own =
    cmd.model.kind === 'own'
      ? { checkpoint: { file: cmd.model.file, sha256: cmd.model.sha256 } }
      : {};
  return { model, data, id: await loadIdentity(cmd.model, cmd.data), ...own };
}

export function describeLoaded({ model, data, id, checkpoint }: Loaded): LoadedInfo {
  const { train, idVal, ood } = data.sets;
  return {
    family: model.config.family,
    ...paramSummary(model.def),
    layers: [...model.def.layers],
    numClasses: train.numClasses,
    classNames: [...(train.classNames ?? [])],
    sizes: { train: train.n, idVal: idVal.n, ood: ood.n },
    idMetric: data.idMetric,
    oodMetric: data.oodMetric,
    loadId: id,
    ...(checkpoint ? { checkpoint } : {}),
  };
}

type GradNormsReply = Extract<WorkerEvent, { type: 'grad-norms' }>;

/** Gradient norms at the starting weights on one seeded training batch (the paper's lr 0). */
export async function gradNormsAtStart(
  { model, data }: Loaded,
  requestId: number,
  batchSize: number,
  seed: number,
): Promise<GradNormsReply> {
  const set = data.sets.train;
  const m = ModelInstance.fromValues(model.def, model.weights);
  const { x, y } = makeBatch(set, seededBatchIndices(set.n, batchSize, seed), DEFAULT_NORMALIZE);
  try {
    const { loss, gradNorms } = await measureGradNorms(m, x, y);
    const embedToMaxMiddle = embedToMaxMiddleRatio(m.def, gradNorms.perLayer);
    return { type: 'grad-norms', requestId, loss, gradNorms, embedToMaxMiddle };
  } finally {
    tf.dispose([x, y]);
    m.dispose();
  }
}

type EvalReply = Extract<WorkerEvent, { type: 'eval' }>;

/** The last finished method's weights (else the starting ones) on ID and OOD, now. */
export async function evaluateLatest(
  { model, data }: Loaded,
  finals: ReadonlyMap<string, FinalWeights>,
): Promise<EvalReply> {
  const last = [...finals.entries()].at(-1);
  const m = ModelInstance.fromValues(model.def, last?.[1].weights ?? model.weights);
  try {
    const { id, ood } = await evaluateSplits(
      m,
      data.sets,
      DEFAULT_NORMALIZE,
      data.trainGroupWeights,
    );
    const event = {
      type: 'eval' as const,
      step: last?.[1].steps ?? 0,
      epoch: -1,
      id,
      ood,
      drift: {},
    };
    return { type: 'eval', methodId: last?.[0] ?? 'pretrained', event };
  } finally {
    m.dispose();
  }
}
