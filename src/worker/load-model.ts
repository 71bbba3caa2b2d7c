/**
 * The starting weights of a session: a shipped pretrained checkpoint (public/models) with a
 * fresh head for the task, the user's own checkpoint (own-checkpoint.ts), or a seeded random model. Returned as host arrays (tfjs layout):
 * every method of a comparison starts from these same values.
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
import type { ModelConfig } from '../core/spec/model-config';

export interface LoadedModel {
  config: ModelConfig;
  def: ModelDef;
  weights: Map<string, Float32Array>;
}

interface ManifestEntry {
  name: string;
  file: string;
  config: ModelConfig;
  /** The file's SHA-256 (hex); checked before the file is read. */
  sha256?: string;
}

export async function loadModel(src: ModelSource, numClasses: number, baseUrl: string): Promise<LoadedModel> {
  if (src.kind === 'scratch') {
    const config = { ...src.config, numClasses } as ModelConfig;
    const def = buildModel(config);
    const m = ModelInstance.init(def, new Rng(src.seed));
    const weights = await m.readAll();
    m.dispose();
    return { config, def, weights };
  }
  if (src.kind === 'own') return loadOwnModel(src, numClasses);
  const root = new URL('models/', baseUrl);
  const manifest = (await fetchJson(new URL('manifest.json', root))) as { models?: ManifestEntry[] };
  const entry = manifest.models?.find((m) => m.name === src.name);
  if (!entry) throw new BadCheckpointError(`No pretrained model named "${src.name}" in models/manifest.json`);
  const config = { ...entry.config, numClasses } as ModelConfig;
  const def = buildModel(config);
  const res = await fetch(new URL(entry.file, root));
  if (!res.ok) throw new BadCheckpointError(`GET ${entry.file} failed with HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (entry.sha256) await verifySha256(bytes, entry.sha256, entry.file);
  const model = loadForNewTask(def, bytes, new Rng(src.seed), entry.file);
  const weights = await model.readAll();
  model.dispose();
  return { config, def, weights };
}

async function fetchJson(url: URL): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new BadCheckpointError(`GET ${url.pathname} failed with HTTP ${res.status}`);
  try {
    return await res.json();
  } catch {
    // e.g. a static server answering a missing file with its index.html
    throw new BadCheckpointError(`${url.pathname} is not a JSON model manifest: are the pretrained models deployed with the app?`);
  }
}
