/**
 * A method's weights as a file: safetensors in PyTorch layout (opens in PyTorch unchanged), or
 * a zipped tfjs model folder (tfjs-model.ts). With no finished method, the starting weights:
 * never an unlabelled mid-run snapshot.
 */
import { toStateDict } from '../core/checkpoint/names';
import { serializeSafetensors } from '../core/checkpoint/safetensors';
import type { Request, WorkerEvent } from '../protocol/messages';
import type { Loaded } from './loaded';
import type { FinalWeights } from './run-controller';
import { tfjsModelFromSafetensors, tfjsModelZip } from './tfjs-model';

type ExportRequest = Extract<Request, { type: 'export' }>;
type Exported = Extract<WorkerEvent, { type: 'exported' }>;

export function exportWeights(
  { model, data, checkpoint }: Loaded,
  finals: ReadonlyMap<string, FinalWeights>,
  cmd: ExportRequest,
): Exported {
  const { methodId, requestId } = cmd;
  if (methodId !== undefined && !finals.has(methodId)) {
    throw new Error(
      `The worker holds no fine-tuned weights of ${methodId}: it has not finished a run, or a Load since replaced the run's (press Run to run it again).`,
    );
  }
  const id = methodId ?? [...finals.keys()].at(-1);
  const fin = id ? finals.get(id) : undefined;
  const method = id ?? 'pretrained';
  const safetensors = serializeSafetensors(toStateDict(model.def, fin?.weights ?? model.weights), {
    format: 'pt',
    config: JSON.stringify(model.config),
    method,
    steps: String(fin?.steps ?? 0),
    // Fine-tuned from the user's own checkpoint: which file, by name and hash.
    ...(checkpoint ? { own_file: checkpoint.file, own_sha256: checkpoint.sha256 } : {}),
  });
  const name = `fine-tuned-${model.config.family}-${method}`;
  if (cmd.format !== 'tfjs') {
    const bytes = safetensors.buffer as ArrayBuffer;
    return {
      type: 'exported',
      requestId,
      methodId: method,
      format: 'safetensors',
      filename: `${name}.safetensors`,
      bytes,
    };
  }
  const labels = data.sets.train.classNames ?? [];
  const files = tfjsModelFromSafetensors(safetensors, {
    labels,
    settings: cmd.settings,
    hash: cmd.hash,
  });
  const bytes = tfjsModelZip(files).buffer;
  return {
    type: 'exported',
    requestId,
    methodId: method,
    format: 'tfjs',
    filename: `${name}-tfjs.zip`,
    bytes,
  };
}
