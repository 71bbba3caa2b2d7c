/**
 * "Bring your own checkpoint": which of our architectures a user's safetensors file is, and the
 * model it starts. No second checker: the file goes through the one strict reader
 * (safetensors.ts: layout, offsets, dtypes, NaN/Inf) and each candidate architecture through
 * checkAgainstSpec (spec-check.ts: names, shapes, dtype roles). A file that fits none is refused
 * with every mismatch against the closest candidate listed.
 *
 * The head: a file whose head fits the task's classes (e.g. the weights an exported project's
 * train.py saved, for the same data) keeps it, so the page evaluates exactly those weights; any
 * other head (a pretraining task's 20 classes) is replaced by a fresh, seeded one, as for the
 * shipped checkpoints (checkpoint.ts loadForNewTask).
 */
import type { ModelDef } from '../models/model';
import { ModelInstance } from '../models/instance';
import type { Rng } from '../rng';
import { modelSpec, type ModelConfig } from '../../spec/model-config';
import { groupOf, type ModelSpec } from '../../spec/model-spec';
import { fromStateDict } from './names';
import { defaultMaxTensors, readSafetensors, type StFile } from './safetensors';
import { checkAgainstSpec, mismatchError, type Mismatch } from './spec-check';

export interface Identified {
  /** The architecture the file fits; numClasses is its head's (or the candidate's, when headClasses is null). */
  config: ModelConfig;
  /** The classes of the file's head when it fits the architecture; null when it has none that fits. */
  headClasses: number | null;
  metadata: Record<string, string>;
}

const headNames = (spec: ModelSpec): Set<string> =>
  new Set(spec.specs.filter((s) => groupOf(spec, s) === 'head').map((s) => s.name));

/** The strict reader, with a tensor cap that admits the largest candidate. */
export function readOwn(bytes: Uint8Array, file: string, specs: readonly ModelSpec[]): StFile {
  const maxTensors = Math.max(defaultMaxTensors(), ...specs.map((s) => 2 * s.specs.length));
  return readSafetensors(bytes, { file, maxTensors });
}

/** The head's class count in the file: the length of its 1-D head tensor (the bias), if the file has it. */
function fileHeadClasses(spec: ModelSpec, file: StFile): number | null {
  for (const name of headNames(spec)) {
    const t = file.tensors.get(name);
    if (t?.shape.length === 1) return t.shape[0] ?? null;
  }
  return null;
}

/**
 * The first candidate the file fits (head aside), with its head's classes when the whole head
 * fits too. Throws the reader's CheckpointError, or one listing every mismatch against the
 * candidate with the fewest (the first of a tie).
 */
export function identifyCheckpoint(
  bytes: Uint8Array,
  file: string,
  candidates: readonly ModelConfig[],
): Identified {
  if (!candidates.length) throw new Error('no architecture to check the checkpoint against');
  const st = readOwn(bytes, file, candidates.map(modelSpec));
  let closest: { spec: ModelSpec; found: Mismatch[] } | null = null;
  for (const config of candidates) {
    const spec = modelSpec(config);
    const head = headNames(spec);
    const found = checkAgainstSpec(spec, st.tensors, { skip: (n) => head.has(n) });
    if (!found.length) {
      const k = fileHeadClasses(spec, st);
      const withHead = k !== null && k > 0 ? ({ ...config, numClasses: k } as ModelConfig) : null;
      const fits =
        withHead !== null && checkAgainstSpec(modelSpec(withHead), st.tensors).length === 0;
      return {
        config: fits ? withHead : config,
        headClasses: fits ? k : null,
        metadata: st.metadata,
      };
    }
    if (!closest || found.length < closest.found.length) closest = { spec, found };
  }
  const best = closest as { spec: ModelSpec; found: Mismatch[] };
  throw mismatchError(file, best.spec, best.found);
}

/**
 * The starting model from an own checkpoint for `def` (its numClasses the task's): every tensor
 * when the head fits the task, else all but the head, which `rng` initialises. Refused (one
 * CheckpointError) unless the file fits `def` exactly.
 */
export function loadOwnCheckpoint(
  def: ModelDef,
  bytes: Uint8Array,
  rng: Rng,
  file: string,
): { model: ModelInstance; headKept: boolean } {
  const st = readOwn(bytes, file, [def]);
  const headKept = checkAgainstSpec(def, st.tensors).length === 0;
  const head = headNames(def);
  const values = fromStateDict(def, st.tensors, {
    what: file,
    ...(headKept ? {} : { skip: (n: string) => head.has(n) }),
  });
  const model = ModelInstance.init(def, rng);
  model.assign(values);
  return { model, headKept };
}
