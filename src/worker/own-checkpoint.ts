/**
 * The user's own checkpoint in the worker: checked when it is picked (`check-checkpoint`: the
 * strict reader and the spec check, through core/checkpoint/identify.ts, and its SHA-256), then
 * loaded from the bytes the page sends with every load, as the starting weights of a run.
 */
import { identifyCheckpoint, loadOwnCheckpoint } from '../core/checkpoint/identify';
import { sha256Hex } from '../core/checkpoint/sha256';
import { buildModel } from '../core/models/build-model';
import { Rng } from '../core/rng';
import { FAMILIES, modelConfigOfSize, modelSpec, type ModelConfig } from '../spec/model-config';
import type { OwnCheckpointSource, Request, WorkerEvent } from '../protocol/messages';
import { BadCheckpointError } from './faults';
import type { LoadedModel } from './load-model';

type CheckRequest = Extract<Request, { type: 'check-checkpoint' }>;
type CheckReply = Extract<WorkerEvent, { type: 'checkpoint-checked' }>;

/** Every size preset of every family, then the shipped checkpoints' configs the page passed (those that build). */
export function candidateConfigs(extra: readonly ModelConfig[]): ModelConfig[] {
  const presets = FAMILIES.flatMap((f) => [
    modelConfigOfSize(f, 'micro'),
    modelConfigOfSize(f, 'tiny'),
  ]);
  const builds = (c: ModelConfig): boolean => {
    try {
      return modelSpec(c).specs.length > 0;
    } catch {
      return false; // a malformed config in a manifest is no candidate
    }
  };
  return [...presets, ...extra.filter(builds)];
}

/** What the file fits, with its SHA-256; or the refusal's message (never thrown: the page shows it). */
export async function checkCheckpoint(cmd: CheckRequest): Promise<CheckReply> {
  const bytes = new Uint8Array(cmd.bytes);
  try {
    const found = identifyCheckpoint(bytes, cmd.file, candidateConfigs(cmd.candidates));
    const sha256 = await sha256Hex(bytes);
    const fit = {
      file: cmd.file,
      sha256,
      config: found.config,
      headClasses: found.headClasses,
      bytes: bytes.byteLength,
      metadata: found.metadata,
    };
    return { type: 'checkpoint-checked', requestId: cmd.requestId, fit };
  } catch (e) {
    return {
      type: 'checkpoint-checked',
      requestId: cmd.requestId,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

/**
 * The starting weights from an own checkpoint: the bytes must be the file that was checked
 * (its SHA-256), and fit its architecture with the task's classes; the head is kept when it
 * fits them, else seeded fresh (identify.ts).
 */
export async function loadOwnModel(
  src: OwnCheckpointSource,
  numClasses: number,
): Promise<LoadedModel & { headKept: boolean }> {
  const bytes = new Uint8Array(src.bytes);
  const got = await sha256Hex(bytes);
  if (got !== src.sha256)
    throw new BadCheckpointError(
      `${src.file}: the bytes received (SHA-256 ${got}) are not the file that was checked (${src.sha256}): pick it again`,
    );
  const config = { ...src.config, numClasses } as ModelConfig;
  const def = buildModel(config);
  const { model, headKept } = loadOwnCheckpoint(def, bytes, new Rng(src.seed), src.file);
  const weights = await model.readAll();
  model.dispose();
  return { config, def, weights, headKept };
}
