/**
 * A read checkpoint against a model's spec: names, shapes and each tensor's dtype for its role.
 * Returns every mismatch (so a "bring your own checkpoint" screen can list them all); names.ts's
 * fromStateDict refuses a file with any, in one CheckpointError.
 *
 * Roles: a float weight or buffer (PyTorch saves float32; float64 is converted) must be F32 or
 * F64, since an I64/I32 tensor there holds integers the loader would take as weights; a counter
 * (BatchNorm's num_batches_tracked, int64 in torch) must be I64 or I32 and a non-negative integer.
 */
import { CheckpointError, RULES, type RuleId } from './checkpoint-error';
import type { DType } from './safetensors-rules';
import type { StTensor } from './safetensors';
import type { ModelSpec } from '../../spec/model-spec';
import { torchShape } from '../../spec/param-spec';

export interface Mismatch {
  tensor: string;
  rule: RuleId;
  detail: string;
}

export interface SpecCheckOptions {
  /** Names to leave out (e.g. the head, when fine-tuning with a new number of classes). */
  skip?: (name: string) => boolean;
  /** Tolerate names the model does not have (default false: they are a mismatch). */
  allowUnknown?: boolean;
}

const FLOAT: readonly DType[] = ['F32', 'F64'];
const INT: readonly DType[] = ['I64', 'I32'];

export const isCounter = (name: string): boolean => name.endsWith('num_batches_tracked');

/** The dtypes a tensor of this name may have in a checkpoint. */
export function allowedDtypes(name: string): readonly DType[] {
  return isCounter(name) ? INT : FLOAT;
}

export function checkAgainstSpec(
  def: ModelSpec,
  tensors: ReadonlyMap<string, StTensor>,
  opts: SpecCheckOptions = {},
): Mismatch[] {
  const skip = opts.skip ?? (() => false);
  const specNames = new Set(def.specs.map((s) => s.name));
  const out: Mismatch[] = [];
  if (!opts.allowUnknown) {
    for (const n of tensors.keys()) {
      if (!specNames.has(n) && !skip(n))
        out.push({ tensor: n, rule: 'names', detail: `this ${def.family} has no tensor "${n}"` });
    }
  }
  for (const s of def.specs) {
    if (skip(s.name)) continue;
    const t = tensors.get(s.name);
    if (!t) {
      out.push({
        tensor: s.name,
        rule: 'names',
        detail: `this ${def.family} needs "${s.name}", which the file lacks`,
      });
      continue;
    }
    const want = torchShape(s);
    if (t.shape.length !== want.length || t.shape.some((d, i) => d !== want[i])) {
      out.push({
        tensor: s.name,
        rule: 'shape-match',
        detail: `${s.name} has shape [${t.shape.join(', ')}], the model expects [${want.join(', ')}]`,
      });
    }
    const allowed = allowedDtypes(s.name);
    if (!allowed.includes(t.dtype)) {
      const role = isCounter(s.name) ? 'an integer counter' : 'a float weight';
      out.push({
        tensor: s.name,
        rule: 'dtype-role',
        detail: `${s.name} is ${t.dtype}, where ${role} (${allowed.join(' or ')}) is expected`,
      });
    } else if (isCounter(s.name)) {
      const bad = Array.from(t.data as BigInt64Array | Int32Array, Number).find(
        (v) => v < 0 || !Number.isSafeInteger(v),
      );
      if (bad !== undefined)
        out.push({ tensor: s.name, rule: 'counter', detail: `${s.name} counts ${bad}` });
    }
  }
  return out;
}

/** Every mismatch in one error: the first names the tensor and rule; the message lists them all. */
export function mismatchError(
  file: string,
  def: ModelSpec,
  found: readonly Mismatch[],
): CheckpointError {
  const first = found[0] as Mismatch;
  const lines = found.slice(0, 12).map((m) => `${m.detail} (rule ${m.rule}: ${RULES[m.rule]})`);
  const more = found.length > 12 ? `; and ${found.length - 12} more` : '';
  const msg = `${file} does not fit this ${def.family}, tensor "${first.tensor}": ${lines.join('; ')}${more}`;
  return new CheckpointError(msg, { file, tensor: first.tensor, rule: first.rule });
}
