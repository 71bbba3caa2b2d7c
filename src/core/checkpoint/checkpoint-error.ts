/**
 * The one error a checkpoint is refused with, by the safetensors reader (safetensors.ts), the
 * check against a model's spec (spec-check.ts) and the manifest's SHA-256 (sha256.ts). Every
 * message names the file, the tensor (when one is at fault) and the rule broken, so a damaged
 * or hostile file is explained instead of loading as wrong weights. The PyTorch twin's reader
 * (tools/torch_twin/st_io.py) refuses the same files under the same rule ids.
 */

/** Each rule a checkpoint must keep, by id (the ids are shared with st_io.py and the tests). */
export const RULES = {
  'file-size': 'a safetensors file starts with an 8-byte header length',
  'header-size': 'the header length fits the file and the header-size cap',
  'header-json': 'the header is a UTF-8 JSON object',
  metadata: '__metadata__ maps strings to strings',
  'tensor-count': 'the tensor count is under the cap',
  entry: 'each tensor is an object with dtype, shape and data_offsets',
  dtype: 'the dtype is F32, F64, I64 or I32',
  shape: 'shape entries are non-negative integers',
  offsets: 'data_offsets are two non-negative integers, begin <= end',
  size: 'end - begin equals the dtype size times the number of elements',
  layout: 'tensors tile the data section in order, without overlap, gap or trailing bytes',
  finite: 'float values are finite (no NaN or Inf)',
  names: 'the tensor names are the model’s',
  'shape-match': 'each tensor has the shape the model expects',
  'dtype-role': 'float weights are F32 or F64; only counters are integers',
  counter: 'a counter is a non-negative integer',
  sha256: 'a shipped checkpoint has the SHA-256 its manifest lists',
} as const;

export type RuleId = keyof typeof RULES;

export interface Where {
  /** The file, as the user knows it (a checkpoint's name, "exported weights"). */
  file?: string;
  tensor?: string;
  rule?: RuleId;
}

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
  readonly file: string | undefined;
  readonly tensor: string | undefined;
  readonly rule: RuleId | undefined;

  constructor(message: string, where: Where = {}) {
    super(message);
    this.file = where.file;
    this.tensor = where.tensor;
    this.rule = where.rule;
  }
}

/** A refusal: `<file>, tensor "<name>": <detail> (rule <id>: <rule>)`. */
export function refuse(
  file: string,
  tensor: string | undefined,
  rule: RuleId,
  detail: string,
): CheckpointError {
  const at = tensor === undefined ? file : `${file}, tensor "${tensor}"`;
  return new CheckpointError(`${at}: ${detail} (rule ${rule}: ${RULES[rule]})`, {
    file,
    ...(tensor !== undefined ? { tensor } : {}),
    rule,
  });
}
