/**
 * Memory accounting for training, fp32 (4 bytes a float), by parameter group:
 *   weights: every parameter (trained or frozen): 4 bytes each
 *   grads:   trained parameters only: 4 bytes each
 *   state:   trained parameters x optimizer floats: SGD 0, SGD+momentum 4, AdamW 8 bytes
 * So a trained parameter costs 8 / 12 / 16 bytes under SGD / SGD+momentum / AdamW and a
 * frozen one 4 (its weights), as in the paper. BatchNorm running statistics are buffers:
 * counted apart (they are neither trained nor frozen). Activations are not counted: they
 * depend on batch size and backend, and tf.memory() reports them with everything else.
 */
import { groupOf, type ModelSpec } from './model-spec';
import { stateFloatsPerParam, type OptimizerConfig } from './optimizer-config';
import { GROUP_NAMES, numel, type GroupName } from './param-spec';

const F32 = 4;

export interface GroupMemory {
  params: number;
  trainedParams: number;
  weightBytes: number;
  gradBytes: number;
  stateBytes: number;
}

export interface MemoryAccount {
  byGroup: Record<GroupName, GroupMemory>;
  total: GroupMemory;
  bufferBytes: number;
  /** (weights + grads + state) / params: 8 / 12 / 16 with nothing frozen. */
  bytesPerParam: number;
  /** The same over trained parameters only. */
  bytesPerTrainedParam: number;
}

export function accountMemory(
  def: ModelSpec,
  opt: OptimizerConfig,
  frozen: ReadonlySet<GroupName>,
): MemoryAccount {
  const stateFloats = stateFloatsPerParam(opt);
  const empty = (): GroupMemory => ({
    params: 0,
    trainedParams: 0,
    weightBytes: 0,
    gradBytes: 0,
    stateBytes: 0,
  });
  const byGroup = Object.fromEntries(GROUP_NAMES.map((g) => [g, empty()])) as Record<
    GroupName,
    GroupMemory
  >;
  let bufferBytes = 0;
  for (const s of def.specs) {
    const n = numel(s.shape);
    if (s.kind === 'buffer') {
      bufferBytes += n * F32;
      continue;
    }
    const g = groupOf(def, s);
    const m = byGroup[g];
    const trained = !frozen.has(g);
    m.params += n;
    m.weightBytes += n * F32;
    if (trained) {
      m.trainedParams += n;
      m.gradBytes += n * F32;
      m.stateBytes += n * F32 * stateFloats;
    }
  }
  const total = empty();
  for (const g of GROUP_NAMES) {
    for (const k of Object.keys(total) as (keyof GroupMemory)[]) total[k] += byGroup[g][k];
  }
  const bytes = total.weightBytes + total.gradBytes + total.stateBytes;
  const trainedBytes = bytes - (total.params - total.trainedParams) * F32;
  return {
    byGroup,
    total,
    bufferBytes,
    bytesPerParam: total.params ? bytes / total.params : 0,
    bytesPerTrainedParam: total.trainedParams ? trainedBytes / total.trainedParams : 0,
  };
}

/** What the backend itself reports; GPU fields exist only on GPU backends. */
export interface MeasuredMemory {
  backend: string;
  numTensors: number;
  numBytes: number;
  /** WebGPU / WebGL: bytes in live GPU tensors. */
  numBytesInGPU?: number;
  /** WebGPU numBytesAllocatedInGPU / WebGL numBytesInGPUAllocated: the buffer pool, which never shrinks by itself. */
  numBytesAllocatedInGPU?: number;
}
