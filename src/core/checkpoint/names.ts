/**
 * Model <-> state dict in PyTorch layout and names: what a checkpoint file holds.
 * Clear errors for unknown or missing names and wrong shapes.
 */
import type { ModelSpec } from '../../spec/model-spec';
import { fromTorchPerm, permute, torchShape, toTorchPerm } from '../../spec/param-spec';
import { CheckpointError } from './checkpoint-error';
import { toFloat32, type StTensor } from './safetensors';
import { checkAgainstSpec, mismatchError, type SpecCheckOptions } from './spec-check';

export { CheckpointError } from './checkpoint-error';

/** tfjs-layout values -> PyTorch state dict (F32; BatchNorm counters as I64, as torch saves them). */
export function toStateDict(
  def: ModelSpec,
  values: ReadonlyMap<string, Float32Array>,
): Map<string, StTensor> {
  const out = new Map<string, StTensor>();
  for (const s of def.specs) {
    const v = values.get(s.name);
    if (!v) throw new CheckpointError(`no value for ${s.name}`);
    if (s.name.endsWith('num_batches_tracked')) {
      out.set(s.name, {
        dtype: 'I64',
        shape: [],
        data: BigInt64Array.from([BigInt(Math.round(v[0] ?? 0))]),
      });
      continue;
    }
    out.set(s.name, {
      dtype: 'F32',
      shape: torchShape(s),
      data: permute(v, s.shape, toTorchPerm(s.layout, s.shape.length)),
    });
  }
  return out;
}

export interface FromStateDictOptions extends SpecCheckOptions {
  what?: string;
}

/** PyTorch state dict -> tfjs-layout values, refused unless it fits the model's spec exactly. */
export function fromStateDict(
  def: ModelSpec,
  sd: ReadonlyMap<string, StTensor>,
  opts: FromStateDictOptions = {},
): Map<string, Float32Array> {
  const what = opts.what ?? 'checkpoint';
  const skip = opts.skip ?? (() => false);
  const found = checkAgainstSpec(def, sd, opts);
  if (found.length) throw mismatchError(what, def, found);
  const out = new Map<string, Float32Array>();
  for (const s of def.specs) {
    if (skip(s.name)) continue;
    const t = sd.get(s.name) as StTensor;
    const want = torchShape(s);
    out.set(
      s.name,
      permute(toFloat32(t, what, s.name), want, fromTorchPerm(s.layout, want.length)),
    );
  }
  return out;
}
