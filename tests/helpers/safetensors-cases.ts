/**
 * The hostile-checkpoint cases of tests/fixtures/safetensors/bad-cases.json, built as bytes:
 * a small valid file (`base`) changed in one way per case. tools/torch_twin/tests/
 * test_st_io_strict.py builds the same files for the twin's reader.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ModelSpec } from '../../src/spec/model-spec';
import type { ParamSpec } from '../../src/spec/param-spec';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface BaseTensor {
  name: string;
  dtype: 'F32' | 'F64' | 'I64' | 'I32';
  shape: number[];
  values: number[];
}

export interface BadCase {
  name: string;
  rule: string;
  tensor?: string;
  edit?: { tensor: string } & Record<string, Json>;
  header_set?: Record<string, Json>;
  header?: Json;
  retype?: { tensor: string; dtype: BaseTensor['dtype']; values?: number[] };
  fill?: { tensor: string; value: 'nan' | 'inf' | '-inf' };
  length?: number;
  header_text?: number;
  append?: number;
  truncate?: number;
  keep?: number;
}

interface CaseFile {
  base: { metadata: Record<string, string>; tensors: BaseTensor[] };
  cases: BadCase[];
}

export const CASES = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../fixtures/safetensors/bad-cases.json', import.meta.url)),
    'utf8',
  ),
) as CaseFile;

/** The base file's tensors as a model spec ('plain' layout: torch shape = shape). */
export function baseSpec(): ModelSpec {
  const specs: ParamSpec[] = CASES.base.tensors.map((t) => ({
    name: t.name,
    shape: t.shape,
    layout: 'plain',
    init: { kind: 'zeros' },
    layer: 'l',
    kind: 'param',
    decay: false,
  }));
  return {
    family: 'resnet',
    specs,
    layers: ['l'],
    groupOfLayer: new Map([['l', 'body']]),
    inputShape: [1, 1, 1],
    numClasses: 1,
  };
}

const FILL = { nan: NaN, inf: Infinity, '-inf': -Infinity } as const;

function tensorBytes(dtype: BaseTensor['dtype'], values: readonly number[]): Uint8Array {
  const a =
    dtype === 'F32'
      ? Float32Array.from(values)
      : dtype === 'F64'
        ? Float64Array.from(values)
        : dtype === 'I32'
          ? Int32Array.from(values)
          : BigInt64Array.from(values, (v) => BigInt(v));
  return new Uint8Array(a.buffer);
}

/** The bytes of one case (`base` itself for an empty case). */
export function buildCase(c: Partial<BadCase> = {}): Uint8Array {
  const header: Record<string, Json> = { __metadata__: CASES.base.metadata };
  const blobs: Uint8Array[] = [];
  let off = 0;
  for (const t of CASES.base.tensors) {
    const re = c.retype?.tensor === t.name ? c.retype : undefined;
    const dtype = re?.dtype ?? t.dtype;
    const values =
      c.fill?.tensor === t.name
        ? t.values.map(() => FILL[c.fill?.value ?? 'nan'])
        : (re?.values ?? t.values);
    const b = tensorBytes(dtype, values);
    header[t.name] = { dtype, shape: t.shape, data_offsets: [off, off + b.length] };
    if (c.edit?.tensor === t.name)
      Object.assign(
        header[t.name] as object,
        Object.fromEntries(Object.entries(c.edit).filter(([k]) => k !== 'tensor')),
      );
    blobs.push(b);
    off += b.length;
  }
  Object.assign(header, c.header_set ?? {});
  let text = JSON.stringify('header' in c ? c.header : header);
  if (c.header_text !== undefined) text = text.slice(0, c.header_text);
  const h = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + h.length + off + (c.append ?? 0));
  new DataView(out.buffer).setBigUint64(0, BigInt(c.length ?? h.length), true);
  out.set(h, 8);
  let at = 8 + h.length;
  for (const b of blobs) {
    out.set(b, at);
    at += b.length;
  }
  const end = out.length - (c.truncate ?? 0);
  return out.subarray(0, c.keep ?? end);
}
