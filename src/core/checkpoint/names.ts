/**
 * Model <-> state dict in PyTorch layout and names: what a checkpoint file holds.
 * Clear errors for unknown or missing names and wrong shapes.
 */
import type { ModelSpec } from '../spec/model-spec';
import { fromTorchPerm, numel, permute, torchShape, toTorchPerm } from '../spec/param-spec';
import { SafetensorsError, toFloat32, type StTensor } from './safetensors';

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

/** tfjs-layout values -> PyTorch state dict (F32; BatchNorm counters as I64, as torch saves them). */
export function toStateDict(def: ModelSpec, values: ReadonlyMap<string, Float32Array>): Map<string, StTensor> {
  const out = new Map<string, StTensor>();
  for (const s of def.specs) {
    const v = values.get(s.name);
    if (!v) throw new CheckpointError(`no value for ${s.name}`);
    if (s.name.endsWith('num_batches_tracked')) {
      out.set(s.name, { dtype: 'I64', shape: [], data: BigInt64Array.from([BigInt(Math.round(v[0] ?? 0))]) });
      continue;
    }
    out.set(s.name, { dtype: 'F32', shape: torchShape(s), data: permute(v, s.shape, toTorchPerm(s.layout, s.shape.length)) });
  }
  return out;
}

export interface FromStateDictOptions {
  /** Names to leave out (e.g. the head, when fine-tuning with a new number of classes). */
  skip?: (name: string) => boolean;
  /** Tolerate names the model does not have (default false: they are an error). */
  allowUnknown?: boolean;
  what?: string;
}

/** PyTorch state dict -> tfjs-layout values, checked against the model's specs. */
export function fromStateDict(def: ModelSpec, sd: ReadonlyMap<string, StTensor>, opts: FromStateDictOptions = {}): Map<string, Float32Array> {
  const what = opts.what ?? 'checkpoint';
  const skip = opts.skip ?? (() => false);
  const specNames = new Set(def.specs.map((s) => s.name));
  const unknown = [...sd.keys()].filter((n) => !specNames.has(n) && !skip(n));
  if (unknown.length && !opts.allowUnknown) {
    throw new CheckpointError(`${what} has tensors this ${def.family} does not: ${list(unknown)}. Is it for another model or config?`);
  }
  const missing = def.specs.filter((s) => !skip(s.name) && !sd.has(s.name)).map((s) => s.name);
  if (missing.length) throw new CheckpointError(`${what} lacks tensors this ${def.family} needs: ${list(missing)}`);
  const out = new Map<string, Float32Array>();
  for (const s of def.specs) {
    if (skip(s.name)) continue;
    const t = sd.get(s.name) as StTensor;
    const want = torchShape(s);
    if (t.shape.length !== want.length || t.shape.some((d, i) => d !== want[i])) {
      throw new CheckpointError(`${what}: ${s.name} has shape [${t.shape.join(', ')}], the model expects [${want.join(', ')}]`);
    }
    const data = toFloat32(t);
    if (data.length !== numel(want)) throw new SafetensorsError(`${what}: ${s.name} has ${data.length} values`);
    out.set(s.name, permute(data, want, fromTorchPerm(s.layout, want.length)));
  }
  return out;
}

function list(names: string[]): string {
  return names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : names.join(', ');
}
