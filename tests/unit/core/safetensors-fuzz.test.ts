/**
 * Property test of the strict reader: a seeded generator (core/rng) mutates the header of a
 * valid checkpoint (a tiny ResNet: floats and I64 counters) a few hundred times: offsets,
 * shapes, dtypes, names (duplicates included), the length prefix, JSON truncation, metadata,
 * missing fields, and harmless changes (key order, padding). Every mutant is either refused
 * with a CheckpointError that names the file and a rule, or loads equal to the reference.
 */
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../src/core/checkpoint/checkpoint-error';
import { fromStateDict, toStateDict } from '../../../src/core/checkpoint/names';
import { readSafetensors, serializeSafetensors } from '../../../src/core/checkpoint/safetensors';
import { Rng } from '../../../src/core/rng';
import { defaultModelConfig, modelSpec } from '../../../src/spec/model-config';
import { numel } from '../../../src/spec/param-spec';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Entry = { dtype: Json; shape: Json; data_offsets: Json } & Record<string, Json>;

const FILE = 'fuzz.safetensors';
const def = modelSpec(
  defaultModelConfig('resnet', { widths: [4, 8], blocks: [1, 1], imageSize: 14 }),
);

function reference(rng: Rng): { bytes: Uint8Array; values: Map<string, Float32Array> } {
  const values = new Map(
    def.specs.map((s) => [
      s.name,
      s.name.endsWith('num_batches_tracked')
        ? Float32Array.of(7)
        : Float32Array.from({ length: numel(s.shape) }, () => rng.normal()),
    ]),
  );
  return { bytes: serializeSafetensors(toStateDict(def, values), { note: 'fuzz' }), values };
}

function split(bytes: Uint8Array): { header: Record<string, Json>; data: Uint8Array } {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return {
    header: JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, Json>,
    data: bytes.subarray(8 + n),
  };
}

function join(text: string, data: Uint8Array, length?: bigint): Uint8Array {
  const h = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, length ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

const pick = <T>(rng: Rng, a: readonly T[]): T => a[rng.int(a.length)] as T;
const oddNumber = (rng: Rng, v: number): Json =>
  pick<Json>(rng, [
    v + rng.int(17) - 8,
    -v - 1,
    v + 0.5,
    String(v),
    null,
    1e20,
    2 ** 53 + 2,
    v * 2,
    0,
  ]);

/** One mutant: the header changed in one way (the data section as it was). */
function mutate(rng: Rng, bytes: Uint8Array): Uint8Array {
  const { header, data } = split(bytes);
  const names = Object.keys(header).filter((n) => n !== '__metadata__');
  const name = pick(rng, names);
  const e = header[name] as Entry;
  const offsets = e.data_offsets as number[];
  const shape = e.shape as number[];
  let text: string | undefined;
  let length: bigint | undefined;
  switch (rng.int(10)) {
    case 0:
      offsets[rng.int(2)] = oddNumber(rng, offsets[rng.int(2)] as number) as number;
      break;
    case 1:
      if (shape.length && rng.next() < 0.7)
        shape[rng.int(shape.length)] = oddNumber(rng, shape[0] as number) as number;
      else if (rng.next() < 0.5) shape.push(pick(rng, [1, 2, 0]));
      else shape.pop();
      break;
    case 2:
      e.dtype = pick<Json>(rng, ['F32', 'F64', 'I64', 'I32', 'F16', 'BF16', 'U8', 'f32', 4, null]);
      break;
    case 3: // renamed to another tensor's name (a duplicate key), a new name, or emptied
      text = JSON.stringify(header).replace(
        `"${name}":{`,
        `${JSON.stringify(pick(rng, [...names, `${name}x`, '', '__metadata__']))}:{`,
      );
      break;
    case 4:
      length = BigInt(
        Math.max(0, JSON.stringify(header).length + pick(rng, [-2, -1, 1, 2, 8, 1e6, 2 ** 40])),
      );
      break;
    case 5: {
      const full = JSON.stringify(header);
      text = full.slice(0, rng.int(full.length));
      break;
    }
    case 6:
      header.__metadata__ = pick<Json>(rng, [
        null,
        [],
        'x',
        { a: 1 },
        { a: null },
        { a: 'fine', b: 'also' },
      ]);
      break;
    case 7:
      delete e[pick(rng, ['dtype', 'shape', 'data_offsets'])];
      break;
    case 8: // harmless: the same entries in another order, or trailing spaces in the header
      text =
        rng.next() < 0.5
          ? JSON.stringify(Object.fromEntries(rng.shuffle(Object.entries(header))))
          : JSON.stringify(header) + ' '.repeat(1 + rng.int(7));
      break;
    default:
      header[name] = pick<Json>(rng, [null, 3, 'x', [], { ...e, data_offsets: [0, 0] }]);
  }
  return join(text ?? JSON.stringify(header), data, length);
}

describe('safetensors fuzz: every header mutant is refused or loads equal to the reference', () => {
  it('holds for 400 seeded mutants', () => {
    const rng = new Rng(2024);
    const ref = reference(rng);
    const outcomes = { refused: 0, equal: 0 };
    const rules = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const bytes = mutate(rng, ref.bytes);
      let values: Map<string, Float32Array>;
      try {
        values = fromStateDict(def, readSafetensors(bytes, { file: FILE }).tensors, { what: FILE });
      } catch (e) {
        expect(e, `mutant ${i}: ${String(e)}`).toBeInstanceOf(CheckpointError);
        const err = e as CheckpointError;
        expect(err.message).toContain(FILE);
        expect(err.message).toContain(`rule ${err.rule}`);
        rules.add(err.rule as string);
        outcomes.refused++;
        continue;
      }
      expect(new Set(values.keys()), `mutant ${i}`).toEqual(new Set(ref.values.keys()));
      for (const [n, v] of ref.values)
        expect(Array.from(values.get(n) as Float32Array), `mutant ${i}: ${n}`).toEqual(
          Array.from(v),
        );
      outcomes.equal++;
    }
    // Both branches are exercised, and the refusals span the reader's rules.
    expect(outcomes.refused).toBeGreaterThan(200);
    expect(outcomes.equal).toBeGreaterThan(10);
    expect([...rules].sort()).toEqual(
      expect.arrayContaining([
        'dtype',
        'dtype-role',
        'entry',
        'header-json',
        'header-size',
        'layout',
        'metadata',
        'names',
        'offsets',
        'shape',
        'size',
      ]),
    );
  });
});
