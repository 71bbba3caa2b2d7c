/** Save and load a ModelInstance as a safetensors file in PyTorch layout. */
import { type ModelDef } from '../models/model';
import { ModelInstance } from '../models/instance';
import type { Rng } from '../rng';
import { fromStateDict, toStateDict, type FromStateDictOptions } from './names';
import { defaultMaxTensors, readSafetensors, serializeSafetensors } from './safetensors';
import { groupOf } from '../../spec/model-spec';

export async function saveCheckpoint(
  model: ModelInstance,
  metadata: Record<string, string> = {},
): Promise<Uint8Array> {
  return serializeSafetensors(toStateDict(model.def, await model.readAll()), metadata);
}

/**
 * Build a model from checkpoint bytes. Tensors skipped by `opts.skip` (typically the head, for
 * a new task) are initialised fresh from `rng`.
 */
export function loadCheckpoint(
  def: ModelDef,
  bytes: Uint8Array,
  rng: Rng,
  opts: FromStateDictOptions = {},
): { model: ModelInstance; metadata: Record<string, string> } {
  // A config bigger than our default sizes may list more tensors than the default cap.
  const maxTensors = Math.max(defaultMaxTensors(), 2 * def.specs.length);
  const file = readSafetensors(bytes, { file: opts.what ?? 'checkpoint', maxTensors });
  const values = fromStateDict(def, file.tensors, opts);
  const model = ModelInstance.init(def, rng);
  model.assign(values);
  return { model, metadata: file.metadata };
}

/**
 * A pretrained body for a new task: every tensor from the checkpoint except the head, which
 * has the pretraining task's classes and is initialised fresh (and seeded) from `rng`.
 */
export function loadForNewTask(
  def: ModelDef,
  bytes: Uint8Array,
  rng: Rng,
  what?: string,
): ModelInstance {
  const head = new Set(def.specs.filter((s) => groupOf(def, s) === 'head').map((s) => s.name));
  return loadCheckpoint(def, bytes, rng, {
    ...(what !== undefined ? { what } : {}),
    skip: (n) => head.has(n),
  }).model;
}
