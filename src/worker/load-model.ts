/**
 * The starting weights of a session: a pretrained checkpoint (public/models, or the checkpoint
 * family in public/models/family: pretrained-entry.ts) with a fresh head for the task, the
 * user's own checkpoint (own-checkpoint.ts), or a seeded random model. Returned as host arrays
 * (tfjs layout): every method of a comparison starts from these same values.
 */
import { loadForNewTask } from '../core/checkpoint/checkpoint';
import { verifySha256 } from '../core/checkpoint/sha256';
import { ModelInstance } from '../core/models/instance';
import { buildModel } from '../core/models/build-model';
import type { ModelDef } from '../core/models/model';
import { Rng } from '../core/rng';
import type { ModelSource } from '../protocol/messages';
import { BadCheckpointError } from './faults';
import { loadOwnModel } from './own-checkpoint';
import type { ModelConfig } from '../spec/model-config';
import { findPretrained } from './pretrained-entry';

export interface LoadedModel {
  config: ModelConfig;
  def: ModelDef;
  weights: Map<string, Float32Array>;
}

export async function loadModel(
  src: ModelSource,
  numClasses: number,
  baseUrl: string,
): Promise<LoadedModel> {
  if (src.kind === 'scratch') {
    const config = { ...src.config, numClasses } as ModelConfig;
    const def = buildModel(config);
    const m = ModelInstance.init(def, new Rng(src.seed));
    const weights = await m.readAll();
    m.dispose();
    return { config, def, weights };
  }
  if (src.kind === 'own') return loadOwnModel(src, numClasses);
  const { entry, root, manifest } = await findPretrained(src.name, baseUrl);
  const config = { ...entry.config, numClasses } as ModelConfig;
  const def = buildModel(config);
  const res = await fetch(new URL(entry.file, root));
  if (!res.ok) throw new BadCheckpointError(`GET ${entry.file} failed with HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (entry.sha256) await verifySha256(bytes, entry.sha256, entry.file, manifest);
  const model = loadForNewTask(def, bytes, new Rng(src.seed), entry.file);
  const weights = await model.readAll();
  model.dispose();
  return { config, def, weights };
}
