/**
 * The strict safetensors reader (src/core/checkpoint/safetensors.ts + spec-check.ts): each
 * hostile or damaged file of tests/fixtures/safetensors/bad-cases.json is refused with a
 * CheckpointError naming the file, the tensor and the rule; a million tiny tensors are refused
 * at once; the shipped checkpoints still load and match their manifest's SHA-256.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../src/core/checkpoint/checkpoint-error';
import { fromStateDict } from '../../../src/core/checkpoint/names';
import { defaultMaxTensors, readSafetensors } from '../../../src/core/checkpoint/safetensors';
import { sha256Hex, verifySha256 } from '../../../src/core/checkpoint/sha256';
import { checkAgainstSpec } from '../../../src/core/checkpoint/spec-check';
import {
  defaultModelConfig,
  FAMILIES,
  modelSpec,
  type ModelConfig,
} from '../../../src/spec/model-config';
import { baseSpec, buildCase, CASES } from '../../helpers/safetensors-cases';

const FILE = 'case.safetensors';
const load = (bytes: Uint8Array): Map<string, Float32Array> =>
  fromStateDict(baseSpec(), readSafetensors(bytes, { file: FILE }).tensors, { what: FILE });

function refusal(f: () => unknown): CheckpointError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CheckpointError);
    return e as CheckpointError;
  }
  throw new Error('expected a refusal, but it loaded');
}

describe('the strict safetensors reader', () => {
  it('loads the valid base file', () => {
    const values = load(buildCase());
    expect(Array.from(values.get('w') as Float32Array)).toEqual([1, 2, 3, 4]);
    expect(Array.from(values.get('bn.num_batches_tracked') as Float32Array)).toEqual([3]);
  });

  it.each(CASES.cases.map((c) => [c.name, c] as const))('refuses %s', (_, c) => {
    const e = refusal(() => load(buildCase(c)));
    expect(e.rule).toBe(c.rule);
    expect(e.file).toBe(FILE);
    expect(e.message).toContain(FILE);
    expect(e.message).toContain(`rule ${c.rule}`);
    if (c.tensor !== undefined) {
      expect(e.tensor).toBe(c.tensor);
      expect(e.message).toContain(`"${c.tensor}"`);
    }
  });

  it('caps the tensor count at twice the largest architecture', () => {
    const largest = Math.max(...FAMILIES.map((f) => modelSpec(defaultModelConfig(f)).specs.length));
    expect(defaultMaxTensors()).toBe(2 * largest);
  });

  /** A file of `n` one-float tensors, its header built as text (fast, unlike JSON.stringify). */
  function tiny(n: number): Uint8Array {
    const entries = Array.from(
      { length: n },
      (_, i) => `"t${i}":{"dtype":"F32","shape":[1],"data_offsets":[${4 * i},${4 * i + 4}]}`,
    );
    const h = new TextEncoder().encode(`{${entries.join(',')}}`);
    const bytes = new Uint8Array(8 + h.length + 4 * n);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(h.length), true);
    bytes.set(h, 8);
    return bytes;
  }

  it('refuses a million tiny tensors at once (the old reader took 11.4 s, 31 s on a loaded machine)', () => {
    const bytes = tiny(1_000_000); // a 70 MB header: refused from its length, before it is decoded
    const t0 = performance.now();
    expect(refusal(() => readSafetensors(bytes, { file: FILE })).rule).toBe('header-size');
    // Generous: a garbage collection after building 70 MB of header can land here on a loaded machine.
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses more tensors than the cap from a header under the size cap', () => {
    const bytes = tiny(12_000); // about 0.9 MB of header: one JSON.parse, then the count
    const t0 = performance.now();
    const e = refusal(() => readSafetensors(bytes, { file: FILE }));
    expect(e.rule).toBe('tensor-count');
    expect(e.message).toContain(`12000 tensors, over the cap of ${defaultMaxTensors()}`);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses 64 KB of NaN bytes in a shipped checkpoint, naming the tensor', () => {
    const bytes = new Uint8Array(readFileSync('public/models/vit-adamw.safetensors'));
    const h = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + h))) as Record<
      string,
      { data_offsets: [number, number] }
    >;
    const name = 'blocks.0.mlp.fc1.weight'; // 64 x 256 float32 = 64 KB
    const [begin, end] = header[name]?.data_offsets ?? [0, 0];
    expect(end - begin).toBe(65536);
    bytes.fill(0xff, 8 + h + begin, 8 + h + end); // 0xffffffff is a NaN
    const e = refusal(() => readSafetensors(bytes, { file: 'vit-adamw.safetensors' }));
    expect(e.rule).toBe('finite');
    expect(e.message).toMatch(
      /vit-adamw\.safetensors, tensor "blocks\.0\.mlp\.fc1\.weight": 16384 of 16384 values are NaN/,
    );
  });

  it('lists every mismatch against a spec, not just the first', () => {
    const file = readSafetensors(buildCase({ retype: { tensor: 'w', dtype: 'I32' } }));
    file.tensors.delete('b');
    file.tensors.set('extra', { dtype: 'F32', shape: [1], data: new Float32Array(1) });
    const found = checkAgainstSpec(baseSpec(), file.tensors);
    expect(found.map((m) => `${m.rule}:${m.tensor}`).sort()).toEqual([
      'dtype-role:w',
      'names:b',
      'names:extra',
    ]);
  });
});

describe('shipped checkpoints', () => {
  const manifest = JSON.parse(readFileSync('public/models/manifest.json', 'utf8')) as {
    models: { file: string; sha256: string; config: ModelConfig }[];
  };

  it.each(manifest.models.map((m) => [m.file, m] as const))(
    '%s has its SHA-256 and fits its spec',
    async (_, m) => {
      const bytes = new Uint8Array(readFileSync(`public/models/${m.file}`));
      expect(await sha256Hex(bytes)).toBe(m.sha256);
      await verifySha256(bytes, m.sha256, m.file);
      const def = modelSpec(m.config);
      expect(checkAgainstSpec(def, readSafetensors(bytes, { file: m.file }).tensors)).toEqual([]);
    },
  );

  it('a damaged download is named as such', async () => {
    const m = manifest.models[0] as (typeof manifest.models)[number];
    const bytes = new Uint8Array(readFileSync(`public/models/${m.file}`));
    bytes.set([(bytes.at(-1) as number) ^ 1], bytes.length - 1);
    const e = await verifySha256(bytes, m.sha256, m.file).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(CheckpointError);
    expect((e as CheckpointError).rule).toBe('sha256');
    expect((e as CheckpointError).message).toMatch(
      new RegExp(`^${m.file.replace('.', '\\.')}: the download is damaged`),
    );
  });
});
